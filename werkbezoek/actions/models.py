"""The action catalogue and the rating framework (to come). Elections and recesses moved to
the reference app; this app keeps their migration history."""
