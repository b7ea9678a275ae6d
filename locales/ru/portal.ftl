# Счетчик слов рядом с длинными полями (static/word-counter.js); { $words } подставляется при наборе.
word-counter-within = Слов: { $words } из { $limit }
word-counter-over = Слов: { $words } из { $limit } — больше допустимого, скажите короче
