from doclint.cli import entry

entry()
