# The live word count beside long boxes (static/word-counter.js); { $words } is filled in as the person types.
word-counter-within = { $words } of { $limit } words
word-counter-over = { $words } of { $limit } words: over the limit, say it more briefly
