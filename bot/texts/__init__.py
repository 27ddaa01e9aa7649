"""Every user-facing Chinese string, one module per front end plus the wording they share.

Front ends format with these and never spell out text of their own, so the bot speaks
with one voice and wording can change without touching logic. A front end imports the
shared modules (`common`, `wording`, `serving`) and its own, never another front end's:
the import contracts in pyproject.toml hold that.
"""
