"""Reading input: text, Markdown, HTML and JSON Lines files, directories and standard input,
into :class:`kg.records.Document` (the first step of the data flow)."""
