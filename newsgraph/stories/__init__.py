"""Stories: copies and rewrites (lineage), same-event clustering, outlets and coverage."""
