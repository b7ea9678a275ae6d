# Tədbirlər: səhifələr, formalar, qeydiyyat və məktublar.
event-kind-workshop = Seminar
event-kind-conference = Konfrans
event-kind-meeting = Ölkə qrupunun iclası
event-kind-field-visit = Səfər
event-kind-official-meeting = Rəsmi görüş
event-kind-webinar = Vebinar
session-kind-plenary = Plenar iclas
session-kind-working-group = İşçi qrup
session-kind-presentation = Təqdimat
session-kind-break = Fasilə
registration-kind-participant = İştirakçı
registration-kind-speaker = Məruzəçi
registration-kind-media = Media
registration-kind-government = Hökumət
registration-kind-un = Birləşmiş Millətlər Təşkilatı
registration-status-confirmed = Yer təsdiqlənib
registration-status-waiting = Gözləmə siyahısında
registration-status-cancelled = Ləğv edilib
events-title = Tədbirlər
events-of = Tədbirlər: { $owner }
events-calendar-link = Tədbirlər və təqvim
events-back-to-owner = Geri
events-feed = Təqvimə abunə olun (iCalendar)
events-new = Tədbir əlavə edin
events-none = Hələ tədbir yoxdur.
events-undated = Tarix qeyd olunmayıb
events-when = Nə vaxt
events-where = Harada
events-online = Onlayn
events-languages = Dillər
events-theme = Mövzu
events-organizers = Təşkilatçılar
events-partners = Tərəfdaşlar
events-chair = Sədr
events-attendance = İştirakçı sayı
events-capacity = Yer sayı
events-seats-left = { $count ->
   *[other] { $count } yer qalıb
}
events-programme = Proqram
events-programme-print = Çap üçün proqram
events-programme-of = Proqram: { $event }
events-programme-heading = Görüşlərin proqramı və gündəliyi
events-no-programme = Proqram qeyd olunmayıb.
events-add-to-calendar = Təqvimə əlavə edin (.ics)
events-participant-list = İştirakçıların siyahısı
events-participants-of = İştirakçıların siyahısı: { $event }
events-participants-note = Siyahıda yalnız buna razılıq vermiş iştirakçılar var.
events-no-participants = Siyahıda hələ heç kim yoxdur.
events-participant-name = Ad
events-participant-organization = Təşkilat
events-participant-country = Ölkə
events-edit = Tədbiri redaktə edin
events-back = Tədbirə qayıdın
events-session-time = Vaxt və zal
events-session = İclas
events-session-people = Məruzəçilər və moderatorlar
events-session-outcome = Nəticə
events-role-speaker = məruzəçi
events-role-facilitator = moderator
events-role-chair = sədr
events-role-member = qrup üzvü
events-registration = Qeydiyyat
events-count-confirmed = { $count ->
   *[other] { $count } yer tutulub
}
events-count-waiting = { $count ->
   *[other] { $count } nəfər gözləyir
}
events-registration-kind = Qeydiyyatdan keçirəm:
events-your-name = Adınız
events-your-email = E-poçt ünvanınız
events-your-organization = Təşkilatınız (istəyə görə)
events-consent-listed = Adım, təşkilatım və ölkəm dərc olunan iştirakçılar siyahısında göstərilsin.
events-register = Qeydiyyatdan keçin
events-registration-closed = Bu tədbir üçün qeydiyyat açıq deyil.
events-registered-confirmed = Qeydiyyatdan keçdiniz: yeriniz təsdiqləndi. Təsdiq e-poçtla göndərilir.
events-registered-waiting = Yer qalmayıb: siz gözləmə siyahısındasınız; yer boşalsa, sizə e-poçtla yazacağıq.
events-name-required = Adınızı yazın.
events-email-invalid = Düzgün e-poçt ünvanı yazın.
events-country-invalid = Ölkənin iki hərfli ISO kodunu yazın, məsələn AZ.
events-cancel-title = Qeydiyyatın ləğvi
events-cancel-question = { $name } adına “{ $event }” qeydiyyatı ləğv edilsin?
events-cancel-button = Qeydiyyatımı ləğv edin
events-cancelled = Qeydiyyatınız ləğv edildi. Yeriniz var idisə, gözləmə siyahısında birinci olana keçir.
events-cancelled-before = Bu qeydiyyat artıq ləğv edilib.
events-new-title = Yeni tədbir
events-edit-title = Redaktə: { $event }
events-kind = Tədbirin növü
events-title-en = Ad (ingiliscə)
events-title-ru = Ad (rusca)
events-title-az = Ad (azərbaycanca)
events-title-required = Tədbirin adını yazın.
events-starts-on = İlk gün (İİİİ-AA-GG)
events-ends-on = Son gün (İİİİ-AA-GG; birgünlük tədbir üçün boş)
events-start-time = Başlama vaxtı (SS:DD, istəyə görə)
events-end-time = Bitmə vaxtı (SS:DD, istəyə görə)
events-time-zone = Saat qurşağı (IANA adı, məsələn Asia/Baku)
events-location-en = Keçirilmə yeri (ingiliscə)
events-location-ru = Keçirilmə yeri (rusca)
events-location-az = Keçirilmə yeri (azərbaycanca)
events-online-url = Onlayn keçid (https://…)
events-languages-field = Dillər (kodlar, məsələn en, ru, az)
events-capacity-field = Yer sayı (boş — məhdudiyyətsiz)
events-registration-open = Qeydiyyat açıqdır
events-description-en = Təsvir (ingiliscə, Markdown)
events-description-ru = Təsvir (rusca, Markdown)
events-description-az = Təsvir (azərbaycanca, Markdown)
events-organizations = Təşkilatçılar və tərəfdaşlar
events-role-none = Göstərilmir
events-role-organizer = Təşkilatçı
events-role-partner = Tərəfdaş
events-no-theme = Xüsusi mövzu yoxdur
events-day-invalid = Günü İİİİ-AA-GG şəklində yazın.
events-time-invalid = Vaxtı SS:DD şəklində yazın.
events-zone-invalid = IANA bazasından saat qurşağı yazın, məsələn Asia/Baku və ya Europe/Istanbul.
events-ends-before-start = Tədbir başladıqdan sonra bitməlidir.
events-url-invalid = https:// və ya http:// ilə başlayan ünvan yazın.
events-languages-invalid = İki və ya üç hərfli dil kodlarını vergüllə ayıraraq yazın.
events-capacity-invalid = 1-dən 100000-ə qədər yer sayı yazın və ya boş saxlayın.
events-mail-confirmed-subject = Qeydiyyat təsdiqləndi: { $event }
events-mail-confirmed-body = Hörmətli { $name },

    “{ $event }” tədbirində yeriniz təsdiqləndi. Tədbir təqviminizə əlavə etmək üçün məktuba qoşulub.

    Tədbir: { $page }
    Qeydiyyatı ləğv etmək üçün: { $cancel }
events-mail-waiting-subject = Gözləmə siyahısı: { $event }
events-mail-waiting-body = Hörmətli { $name },

    “{ $event }” tədbirində yer qalmayıb, siz gözləmə siyahısındasınız. Yer boşalsa, növbə ilə sizə keçəcək və sizə yazacağıq.

    Tədbir: { $page }
    Gözləmə siyahısından çıxmaq üçün: { $cancel }
events-mail-promoted-subject = Yer sizindir: { $event }
events-mail-promoted-body = Hörmətli { $name },

    “{ $event }” tədbirində yer boşaldı və indi sizindir. Tədbir təqviminizə əlavə etmək üçün məktuba qoşulub.

    Tədbir: { $page }
    Qeydiyyatı ləğv etmək üçün: { $cancel }

events-registrations = Qeydiyyatlar və gələnlərin qeydi
events-registrations-of = Qeydiyyatlar: { $event }
events-count-checked-in = { $count ->
   *[other] { $count } nəfər gəlib
}
events-export-csv = CSV kimi yükləyin
events-badges = Çap üçün beyclər
events-badges-of = Beyclər: { $event }
events-no-registrations = Hələ heç kim qeydiyyatdan keçməyib.
events-registration-kind-column = Kimi
events-registration-status = Status
events-check-in = Gəlişi qeyd edin
events-checked-in = iştirak edir
events-outcome = Yekun hesabat
events-outcome-en = Yekun hesabat (ingiliscə, Markdown)
events-outcome-ru = Yekun hesabat (rusca, Markdown)
events-outcome-az = Yekun hesabat (azərbaycanca, Markdown)
events-programme-edit = Proqramı redaktə edin
events-programme-edit-of = Proqram: { $event }
events-session-add = İclas əlavə edin
events-session-delete = Silin
events-session-kind = İclasın növü
events-session-day = Gün (İİİİ-AA-GG, istəyə görə)
events-session-room = Zal (istəyə görə)
events-session-outcome-en = Nəticə (ingiliscə, istəyə görə)
events-session-outcome-ru = Nəticə (rusca, istəyə görə)
events-session-outcome-az = Nəticə (azərbaycanca, istəyə görə)
events-certificates = İştirak sertifikatları
events-certificates-of = Sertifikatlar: { $event }
events-no-certificates = Hələ heç kimin gəlişi qeyd olunmayıb: sertifikatlar iştirak edənlər üçündür.
events-certificate-heading = İştirak sertifikatı
events-certificate-is-given-to = Bununla təsdiq edilir ki,
events-certificate-for = aşağıdakı tədbirdə iştirak etmişdir:
