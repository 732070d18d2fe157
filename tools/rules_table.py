"""Print the README's rule table (markdown) from the loaded rules: keeps README true.

Usage: python tools/rules_table.py > /tmp/rules.md, then paste between the RULES markers,
or `python tools/rules_table.py --write` to update README.md in place.
"""

from __future__ import annotations

import sys
from pathlib import Path

from doclint.engine import Engine

BEGIN, END = "<!-- RULES:BEGIN -->", "<!-- RULES:END -->"


def table() -> str:
    rows = ["| code | name | category | severity | what it flags |", "|---|---|---|---|---|"]
    for code, rule in Engine().rules.items():
        what = rule.title.replace("|", "\\|").replace("{match}", "…").replace("\n", " ")
        rows.append(f"| {code} | {rule.name} | {rule.category} | {rule.severity} | {what} |")
    return "\n".join(rows)


def main() -> None:
    text = table()
    if "--write" in sys.argv:
        readme = Path(__file__).resolve().parent.parent / "README.md"
        body = readme.read_text(encoding="utf-8")
        head, rest = body.split(BEGIN, 1)
        _, tail = rest.split(END, 1)
        readme.write_text(f"{head}{BEGIN}\n{text}\n{END}{tail}", encoding="utf-8")
    else:
        print(text)


if __name__ == "__main__":
    main()
