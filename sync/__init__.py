"""Talking to the provincial portal: protocol, client, sign-in, sync engine, national mapping.

Never imports `ui` or Qt widgets. The reference portal lives in `sync.portal`.
"""
