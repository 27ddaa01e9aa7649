"""The pure answer engine: a question in, an ``Answer`` out.

Front ends use ``answering.Engine`` (its docstring lists the whole API) and
the records of ``answer``; everything else here is the engine's own.
"""
