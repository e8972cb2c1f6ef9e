"""Schools that share their systems: school files, their validation, and the schools that use
the same learning platforms, devices or management software. No MkDocs."""
