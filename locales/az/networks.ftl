network-launch-title = Şəbəkə yaratmaq
network-launch-under = Bu şəbəkənin tərkibində şəbəkə yaratmaq
network-launch-intro = Yeni şəbəkə ağacda ana şəbəkənin altında yer alır: regional şəbəkələr qlobal şəbəkənin, milli şəbəkələr regional və ya qlobal şəbəkənin altında. Koordinator təşkilat onun ilk üzvü olur; ilk fokal nöqtələri burada göstərmək olar, qalanları şəbəkə yaradıldıqdan sonra onun səhifəsində əlavə edilir.
network-launch-top = (ağacın başı: qlobal şəbəkə)
network-launch-place = Ağacdakı yeri
network-launch-parent = Ana şəbəkə
network-launch-level = Səviyyə
network-launch-state = Vəziyyət
network-launch-level-misfit = Bu səviyyə seçilmiş ana şəbəkəyə uyğun deyil: regional və milli şəbəkələr qlobal şəbəkənin, milli şəbəkələr regional şəbəkənin altına düşür.
network-launch-slug = Veb ünvan (istəyə bağlı)
network-launch-slug-hint = Kiçik latın hərfləri, rəqəmlər və defislər, məsələn "un-ngo-irene-turkey". Boş qalsa, ingiliscə addan düzəldilir.
network-launch-slug-taken = Bu ünvan artıq başqa şəbəkəyə məxsusdur: başqasını seçin.
network-launch-slug-invalid = Yalnız kiçik latın hərfləri, rəqəmlər və defislərdən istifadə edin.
network-launch-coordinator = Koordinator təşkilat (onun kataloqdakı veb ünvanı)
network-launch-coordinator-hint = Təşkilatın ünvanının son hissəsi, məsələn /organizations/nayora üçün "nayora".
network-launch-coordinator-required = Şəbəkəni koordinasiya edəcək təşkilatı göstərin.
network-launch-coordinator-unknown = Kataloqda bu ünvanlı təşkilat yoxdur.
network-launch-candidates = Ana şəbəkənin üzvləri:
network-launch-focal-points = İlk fokal nöqtələr
network-launch-focal-points-hint = Hər sətir bir fokal nöqtəni verir: onun mövzusu və ona rəhbərlik edən təşkilat (onun kataloqdakı veb ünvanı); bu təşkilat şəbəkənin üzvü olur. Boş sətirlər nəzərə alınmır.
network-launch-focal-point-row = Fokal nöqtə { $number }
network-launch-focal-point-theme = Mövzu
network-launch-focal-point-lead = Rəhbər təşkilat (onun kataloqdakı veb ünvanı)
network-launch-focal-point-none = (yoxdur)
network-launch-lead-required = Bu fokal nöqtəyə rəhbərlik edən təşkilatı göstərin.
network-launch-focal-points-too-many = Yaradılarkən ən çoxu 20 fokal nöqtə; qalanlarını şəbəkənin səhifəsində əlavə edin.
network-launch-button = Şəbəkəni yaratmaq
network-state-active = Fəaliyyətdədir
network-state-planned = Planlaşdırılır
network-state-retired = Bağlanıb
network-state-planned-notice = Bu şəbəkə planlaşdırılır və hələ yaradılmayıb.
network-state-retired-notice = Bu şəbəkə bağlanıb: tarixçəsi ilə birlikdə saxlanılır, lakin şəbəkələr ağacında artıq göstərilmir.
network-retire-button = Bu şəbəkəni bağlamaq
network-reinstate-button = Bu şəbəkəni bərpa etmək
network-countries-covered = Əhatə olunan ölkələr
network-countries-choose = Ölkələri seçin
focal-point-add-title = Fokal nöqtə əlavə etmək
focal-point-up = Yuxarı
focal-point-down = Aşağı
focal-point-retire = Bağlamaq
departure-remove-link = Çıxarmaq
departure-leave-link = Bu şəbəkədən çıxmaq
departure-remove-title = «{ $organization }» təşkilatının «{ $network }» şəbəkəsindən çıxarılması
departure-leave-title = «{ $organization }» təşkilatının «{ $network }» şəbəkəsindən çıxması
departure-remove-intro = Təşkilat üzv olmaqdan çıxır və şəbəkənin fokal nöqtələrindən ayrılır. Onun redaktorlarına göstərdiyiniz səbəblə məktub göndərilir. Sonra təşkilat yenidən müraciət edə bilər.
departure-leave-intro = Təşkilatınız şəbəkənin üzvü olmaqdan çıxır və onun fokal nöqtələrindən ayrılır. Şəbəkənin koordinatorlarına məktub göndərilir. Sonra yenidən müraciət edə bilərsiniz.
departure-remove-reason = Səbəb (təşkilata göndəriləcək)
departure-leave-reason = Koordinatorlara mesaj (istəyə bağlı)
departure-remove-button = Üzvü çıxarmaq
departure-leave-button = Şəbəkədən çıxmaq
departure-cancel = Üzvlüyü saxlamaq və geri qayıtmaq
departure-reason-required = Səbəbi göstərin: o, təşkilata bildiriləcək.
departure-reason-too-long = 2000 simvoldan az yazın.
departure-coordinator = Koordinator təşkilat öz şəbəkəsindən çıxa bilməz: əvvəlcə koordinasiyanı başqa üzvə verin.
mail-departure-remove-subject = «{ $organization }» artıq «{ $network }» şəbəkəsinin üzvü deyil
mail-departure-remove-body = Salam,

    «{ $network }» şəbəkəsinin koordinatorları «{ $organization }» təşkilatını aşağıdakı səbəbə görə şəbəkədən çıxardılar:

    { $reason }

    Təşkilatınızın profili kataloqda qalır və o, yenidən müraciət edə bilər.
mail-departure-leave-subject = «{ $organization }» «{ $network }» şəbəkəsindən çıxdı
mail-departure-leave-body = Salam,

    «{ $organization }» «{ $network }» şəbəkəsindən çıxdı. Onun mesajı:

    { $reason }
goals-mdg-one = MİM { $number }
goals-mdg-many = MİM { $numbers }
goals-and = və
goals-millennium-declaration = Minilliyin Bəyannaməsi
status-unknown = Məşvərətçi status məlum deyil
