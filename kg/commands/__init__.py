"""One module per ``kg`` command; each registers itself on :data:`kg.cli.app`."""
