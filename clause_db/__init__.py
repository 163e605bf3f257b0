"""The clause library: understanding contract text, storing clauses, searching them. No Qt here."""
