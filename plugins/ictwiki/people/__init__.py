"""Contributors who opt in: people files, their contributions in the history, badges for
content and care (never for volume), and the GitHub files made from them. No MkDocs."""
