"""fangtan (访谈): ask Chinese news who said what, and get verbatim, cited quotes.

The installed namespace over the checkout's top-level folders: ``fangtan.bot``
(conversation: engine, console, Telegram, serving), ``fangtan.retrieval``
(reading articles, attribution, search) and ``fangtan.seeds`` (the bundled
corpus). See "How it is built" in the README.
"""
