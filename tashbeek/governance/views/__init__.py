"""Pages of governance: bodies, meetings, the decisions register and ballots."""
