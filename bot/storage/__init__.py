"""SQLite persistence through aiosqlite: one connection owner, versioned migrations, small repositories."""
