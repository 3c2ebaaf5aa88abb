"""What moderators do: export feedback, read statistics, curate the knowledge base, with an audit trail."""
