"""Feedback on the discussion theses: stances and comments, stored so that nothing submitted is lost."""
