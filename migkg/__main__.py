"""``python -m migkg`` runs the command line."""

from migkg.cli import main

main()
