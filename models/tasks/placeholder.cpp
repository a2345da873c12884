namespace commsim {}
