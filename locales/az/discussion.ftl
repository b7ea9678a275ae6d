discussion-mail-reply = Müzakirədə cavab yazmaq üçün bu məktuba cavab verin; cavabınız sitat olmadan sizin adınızla dərc olunacaq.
