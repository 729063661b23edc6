"""One module per ``kg`` command; each registers itself on :data:`kg.commands.app.app`
(:mod:`kg.cli` imports them all and runs the application)."""
