"""One thin module per top-level command: parse options, call the library, render."""
