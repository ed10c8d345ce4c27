"""Live updates: committed changes fanned out to GraphQL subscriptions.

A write stages a `LiveMessage` in its session (`outbox`), the mutation sends the staged messages
once the transaction has committed, and a broker delivers them to the subscriptions of every
worker (`broker` within one process, `postgres` across processes through LISTEN/NOTIFY).
"""
