"""Command-line tools of ICT-Wiki."""
