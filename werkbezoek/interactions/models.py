"""Contact moments moved to people.Interaction (the register); this app keeps the migration
history of their table."""
