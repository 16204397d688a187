"""Where the user's things live and how they are kept: platformdirs paths, the SQLite
base every store shares, progress and favourites, and settings."""
