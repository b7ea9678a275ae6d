# Uzun sahələrin yanında canlı söz sayğacı (static/word-counter.js); { $words } yazdıqca doldurulur.
word-counter-within = Söz sayı: { $words }, ən çoxu { $limit }
word-counter-over = Söz sayı: { $words }, ən çoxu { $limit } — hədd aşılıb, daha qısa deyin
