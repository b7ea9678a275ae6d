site-name = UN-NGO-IRENE
skip-to-content = Əsas məzmuna keçin
nav-main = Əsas naviqasiya
nav-directory = Kataloq
nav-networks = Şəbəkələr
nav-themes = Mövzular
nav-languages = Dil
footer-text = UN-NGO-IRENE: qeyri-hökumət təşkilatlarının və Birləşmiş Millətlər Təşkilatının qeyri-rəsmi regional şəbəkəsi.

home-title = Ana səhifə
home-heading = Birləşmiş Millətlər Təşkilatı ilə əməkdaşlıq edən QHT şəbəkələri
home-intro = Şəbəkələrdəki təşkilatları, onların tematik əlaqələndirmə mərkəzlərini, həmçinin üzərində çalışdıqları Minilliyin İnkişaf Məqsədlərini və Dayanıqlı İnkişaf Məqsədlərini ingilis, rus və ya Azərbaycan dilində tapın.

error-back-home = Ana səhifəyə qayıdın
error-bad-request-title = Bu sorğuya cavab vermək mümkün deyil
error-not-found-title = Səhifə tapılmadı
error-internal-title = Xəta baş verdi
error-not-found = Bu ünvanda heç nə yoxdur.
error-internal = Server bu sorğuya cavab verə bilmədi. Zəhmət olmasa, bir qədər sonra yenidən cəhd edin.
error-param-unknown = “{ $name }” parametri: “{ $value }” qəbul edilən dəyər deyil.
error-param-too-long = “{ $name }” parametri çox uzundur: ən çoxu { $max } simvol ola bilər.
error-param-not-a-number = “{ $name }” parametri tam ədəd olmalıdır.
error-param-out-of-range = “{ $name }” parametri { $min } ilə { $max } arasında olmalıdır.
error-param-invalid-utf8 = “{ $name }” parametri düzgün UTF-8 mətni deyil.
error-param-nul = “{ $name }” parametrində mətndə ola bilməyən NUL simvolu var.
error-param-repeated = “{ $name }” parametri yalnız bir dəfə göstərilə bilər.

directory-title = Təşkilatlar kataloqu
directory-title-query = “{ $query }” sorğusuna uyğun təşkilatlar
search-label = Təşkilatları ada, abbreviaturaya, yerləşdiyi yerə və ya təsvirə görə axtarın
search-button = Axtar
facets-label = Filtrlər
facet-country = Ölkə
facet-kind = Təşkilatın növü
facet-theme = Mövzu
facet-network = Şəbəkə
facet-status = ECOSOC yanında məşvərətçi status
active-filters = Seçilmiş filtrlər:
remove-filter = bu filtri ləğv et
clear-filters = Bütün filtrləri ləğv et
sort-label = Sıralama:
sort-relevance = uyğunluğa görə
sort-name = ada görə
no-results = Uyğun təşkilat tapılmadı. Yazılışı yoxlayın, daha az söz yazın və ya filtrlərdən birini ləğv edin.
pagination-label = Nəticə səhifələri
page-previous = Əvvəlki
page-next = Növbəti
organizations-found = { $count ->
    [0] Heç bir təşkilat tapılmadı
    [one] { $count } təşkilat tapıldı
   *[other] { $count } təşkilat tapıldı
}
organizations-count = { $count ->
    [one] { $count } təşkilat
   *[other] { $count } təşkilat
}
countries-count = { $count ->
    [one] { $count } ölkə
   *[other] { $count } ölkə
}
networks-count = { $count ->
    [one] { $count } şəbəkə
   *[other] { $count } şəbəkə
}
participants-count = { $count ->
    [one] { $count } iştirakçı
   *[other] { $count } iştirakçı
}

kind-ngo = Qeyri-hökumət təşkilatı
kind-government = Dövlət orqanı
kind-un-agency = BMT-nin qurumu və ya proqramı
kind-donor = Donor
kind-business = Biznes qurumu
kind-academic = Elm və ya təhsil müəssisəsi
kind-media = Kütləvi informasiya vasitəsi

status-none = Məşvərətçi status yoxdur
status-roster = Reyestr statusu
status-special = Xüsusi məşvərətçi status
status-general = Ümumi məşvərətçi status
status-unspecified = Məşvərətçi status (kateqoriya qeyd olunmayıb)

profile-about = Təşkilat haqqında
profile-names = Adlar
profile-other-name = Digər adı
profile-kind = Növü
profile-consultative-status = ECOSOC yanında məşvərətçi status
profile-granted = verilmə ili:
profile-country = Ölkə
profile-city = Şəhər
profile-address = Ünvan
profile-phone = Telefon
profile-email = E-poçt
profile-website = Veb-sayt
profile-founded = Təsis ili
profile-networks = Şəbəkələr
profile-focal-points = Tematik əlaqələndirmə mərkəzləri
profile-themes = Mövzular və məqsədlər
profile-people = Nümayəndələr
profile-commitments = Öhdəliklər
profile-events = Görüşlər
role-coordinator = koordinator
role-member = üzv
role-lead = Aparıcı təşkilat
role-collaborator = Tərəfdaş təşkilat

networks-title = Şəbəkələr
network-founded = yaradılma tarixi:
network-coordinator = Koordinator
network-no-coordinator = Koordinator hələ təyin edilməyib
network-members = Üzvlər
network-with-status = ECOSOC yanında məşvərətçi statusu olan üzvlər
network-countries = Ölkələr üzrə üzvlər
network-children = Tərkibindəki şəbəkələr
network-focal-points = Tematik əlaqələndirmə mərkəzləri
focal-point-lead = Aparıcı təşkilat
focal-point-leads = Aparıcı təşkilatlar
focal-point-collaborators = Tərəfdaş təşkilatlar
network-per-theme = Mövzular üzrə üzvlər
network-member-list = Üzv təşkilatlar
network-no-members = Hələ üzv təşkilat yoxdur.
network-events = Görüşlər
level-global = Qlobal səviyyə
level-regional = Regional şəbəkə
level-national = Milli şəbəkə

themes-title = Mövzular
theme-goals = Məqsədlər
theme-millennium-declaration = Minilliyin İnkişaf Məqsədlərindən birinə deyil, Minillik Bəyannaməsinə əsaslanır.
theme-no-goals = Hələ heç bir məqsədlə əlaqələndirilməyib.
theme-focal-points = Şəbəkələr üzrə əlaqələndirmə mərkəzləri
theme-no-focal-points = Hələ heç bir şəbəkədə bu mövzu üzrə əlaqələndirmə mərkəzi yoxdur.
theme-organizations = Bu mövzu üzrə çalışan təşkilatlar

mdg-full = Minilliyin İnkişaf Məqsədi
mdg-short = MİM
sdg-full = Dayanıqlı İnkişaf Məqsədi
sdg-short = DİM
mdg-1 = İfrat yoxsulluğun və aclığın aradan qaldırılması
mdg-2 = Hamı üçün ibtidai təhsilə nail olunması
mdg-3 = Gender bərabərliyinin təşviqi və qadınların imkanlarının genişləndirilməsi
mdg-4 = Uşaq ölümünün azaldılması
mdg-5 = Ana sağlamlığının yaxşılaşdırılması
mdg-6 = HİV/QİÇS, malyariya və digər xəstəliklərlə mübarizə
mdg-7 = Ekoloji dayanıqlığın təmin edilməsi
mdg-8 = İnkişaf naminə qlobal tərəfdaşlığın qurulması
sdg-1 = Yoxsulluğa son
sdg-2 = Aclığa son
sdg-3 = Sağlamlıq və rifah
sdg-4 = Keyfiyyətli təhsil
sdg-5 = Gender bərabərliyi
sdg-6 = Təmiz su və sanitariya
sdg-7 = Əlverişli və təmiz enerji
sdg-8 = Layiqli iş və iqtisadi artım
sdg-9 = Sənaye, innovasiya və infrastruktur
sdg-10 = Bərabərsizliyin azaldılması
sdg-11 = Dayanıqlı şəhərlər və icmalar
sdg-12 = Məsuliyyətli istehlak və istehsal
sdg-13 = İqlim dəyişikliyi ilə mübarizə
sdg-14 = Sualtı həyat
sdg-15 = Quruda həyat
sdg-16 = Sülh, ədalət və güclü institutlar
sdg-17 = Məqsədlər naminə tərəfdaşlıq

nav-account = Hesab
error-sign-in-required = Davam etmək üçün daxil olun.
error-forbidden-title = İcazə yoxdur
error-forbidden = Hesabınızın burada bu əməliyyatı yerinə yetirməyə icazəsi yoxdur.
error-too-many-attempts-title = Həddindən çox cəhd
error-too-many-attempts = Qısa müddətdə həddindən çox cəhd edildi. Zəhmət olmasa, bir qədər gözləyin və yenidən cəhd edin.
error-too-large = Göndərilən məlumatın həcmi çox böyükdür.

field-email = E-poçt ünvanı
field-email-new = Yeni e-poçt ünvanı
field-display-name = Adınız
field-password = Şifrə
field-password-current = Cari şifrə
field-password-new = Yeni şifrə
field-password-confirm = Yeni şifrə (təkrar)
field-setup-token = Quraşdırma kodu (server jurnalında göstərilib)
form-required = Zəhmət olmasa, bu sahəni doldurun.
form-too-long = { $count ->
    [one] Ən çoxu { $count } simvol.
   *[other] Ən çoxu { $count } simvol.
}
form-email-invalid = Bu, e-poçt ünvanı deyil.
form-password-too-short = { $count ->
    [one] Zəhmət olmasa, ən azı { $count } simvol daxil edin.
   *[other] Zəhmət olmasa, ən azı { $count } simvol daxil edin.
}
form-password-too-long = { $count ->
    [one] Ən çoxu { $count } simvol.
   *[other] Ən çoxu { $count } simvol.
}
form-password-mismatch = İki şifrə bir-birindən fərqlənir.
form-password-hint = { $count ->
    [one] Ən azı { $count } simvoldan ibarət şifrə; yadınızda qalan bir cümlə ən yaxşı seçimdir.
   *[other] Ən azı { $count } simvoldan ibarət şifrə; yadınızda qalan bir cümlə ən yaxşı seçimdir.
}

signup-title = Hesab yaradın
signup-button = Hesabı yarat
signup-have-account = Artıq hesabınız var?
signup-check-mail = { $email } ünvanına məktub göndərdik. Ünvanınızı təsdiqləmək və daxil olmaq üçün məktubdakı keçidi açın.
confirm-title = Ünvanınızı təsdiqləyin
token-invalid = Bu keçid artıq etibarlı deyil: ya artıq istifadə olunub, ya da müddəti bitib. Yeni keçid istəyin.
signin-title = Daxil ol
signin-button = Daxil ol
signin-forgot = Şifrənizi unutmusunuz?
signin-unconfirmed = Ünvanınız hələ təsdiqlənməyib. Sizə göndərdiyimiz təsdiq məktubundakı keçidi açın; yeni məktubu saatda bir dəfədən çox göndərmirik.
signin-wrong = E-poçt ünvanı və ya şifrə yanlışdır.
signout-button = Çıxış et
reset-title = Şifrənin bərpası
reset-intro = Hesabınızın ünvanını göstərin; yeni şifrə seçmək üçün sizə keçid göndərəcəyik.
reset-button = Keçidi göndər
reset-check-mail = Əgər { $email } ünvanına bağlı hesab varsa, keçid olan məktub artıq yoldadır. Keçid bir saat ərzində etibarlıdır.
reset-save = Yeni şifrəni yadda saxla

mail-confirm-subject = UN-NGO-IRENE hesabınızı təsdiqləyin
mail-confirm-body = Salam,

    zəhmət olmasa, bu keçidi açaraq e-poçt ünvanınızı təsdiqləyin:

    { $link }

    Əgər hesab yaratmamısınızsa, bu məktuba əhəmiyyət verməyin.
mail-exists-subject = UN-NGO-IRENE hesabınız
mail-exists-body = Salam,

    kimsə artıq hesaba bağlı olan bu ünvanla yeni hesab yaratmağa cəhd etdi. Əgər bu siz idinizsə və şifrənizi unutmusunuzsa, burada yeni şifrə seçə bilərsiniz:

    { $link }
mail-reset-subject = UN-NGO-IRENE üçün yeni şifrə seçin
mail-reset-body = Salam,

    yeni şifrə seçmək üçün bir saat ərzində bu keçidi açın:

    { $link }

    Əgər bunu siz istəməmisinizsə, bu məktuba əhəmiyyət verməyin: şifrəniz dəyişməz qalır.
mail-email-change-subject = UN-NGO-IRENE üçün yeni ünvanınızı təsdiqləyin
mail-email-change-body = Salam,

    bu ünvanı hesabınızın ünvanı etmək üçün bu keçidi açın:

    { $link }

account-title = Hesabınız
account-notice-welcome = Xoş gəlmisiniz! Siz daxil oldunuz.
account-notice-reset = Yeni şifrəniz yadda saxlanıldı və siz daxil oldunuz. Digər seanslarınız başa çatdırıldı, API tokenləriniz isə ləğv edildi; lazım olsa, aşağıda yeni tokenlər yaradın.
account-notice-password = Şifrəniz dəyişdirildi. Digər seanslarınız başa çatdırıldı, API tokenləriniz isə ləğv edildi; lazım olsa, aşağıda yeni tokenlər yaradın.
account-notice-email-sent = Yeni ünvana keçid göndərdik; dəyişikliyi təsdiqləmək üçün onu açın.
account-notice-email-changed = E-poçt ünvanınız dəyişdirildi.
account-notice-session-ended = Seans başa çatdırıldı.
account-wrong-password = Bu, cari şifrəniz deyil.
account-email-taken = Bu ünvan artıq başqa hesab tərəfindən istifadə olunur.
account-role = Rol
account-admin = Platforma administratoru
account-sessions = Daxil olduğunuz yerlər
account-session-device = Brauzer
account-session-started = Daxil olma vaxtı
account-session-last-seen = Son fəallıq
account-session-end = Bu seansı başa çatdır
account-session-current = bu brauzer
account-change-password = Şifrəni dəyiş
account-change-email = E-poçt ünvanını dəyiş
account-your-data = Məlumatlarınız
account-export = Platformanın sizin haqqınızda saxladığı bütün məlumatları yükləyin (JSON)
account-delete = Hesabı sil
account-delete-explained = Adınız, ünvanınız və şifrəniz silinir və bütün cihazlarda sistemdən çıxırsınız. Şəbəkənin qeydlərinə etdiyiniz dəyişikliklər saxlanılır və silinmiş hesaba aid edilir.
account-delete-confirm = Bəli, hesabımı sil
account-delete-confirm-required = Təsdiqləmək üçün xananı işarələyin.

setup-title = İlk administratoru təyin edin
setup-intro = Bu quraşdırmada hələ administrator yoxdur. Server jurnalındakı quraşdırma kodunu və administratorun məlumatlarını daxil edin.
setup-button = Administratoru yarat
setup-token-wrong = Bu, server jurnalındakı quraşdırma kodu deyil.

form-has-errors = Bəzi sahələrə diqqət yetirməlisiniz; onların yanındakı mesajlara baxın.
edit-title = { $name }: redaktə
edit-link = Profili redaktə et
edit-save = Dəyişiklikləri yadda saxla
edit-saved = Dəyişikliklər yadda saxlanıldı.
edit-name-en = İngilis dilində ad
edit-name-ru = Rus dilində ad
edit-name-az = Azərbaycan dilində ad
edit-acronym = Abbreviatura
edit-other-names = Digər adlar və yazılış variantları (hər sətirdə bir)
edit-description = Təsvir
edit-description-en = İngilis dilində təsvir
edit-description-ru = Rus dilində təsvir
edit-description-az = Azərbaycan dilində təsvir
edit-markdown-hint = Markdown istifadə edə bilərsiniz: **qalın**, *kursiv*, [keçidlər](https://example.org), siyahılar.
edit-country-code = Ölkə (iki hərfli ISO kodu, məsələn, AZ)
edit-status-year = Məşvərətçi statusun verildiyi il
edit-name-required = Təşkilatın adını ən azı bir dildə göstərin.
edit-choose = Variantlardan birini seçin.
edit-country-invalid = Bu, ölkə kodu deyil; AZ və ya GE kimi iki hərfdən istifadə edin.
edit-website-invalid = https:// və ya http:// ilə başlayan tam ünvanı göstərin.
edit-year-invalid = 1800 ilə { $max } arasında bir il göstərin.
edit-conflict = Siz bu profili redaktə edərkən başqa biri orada dəyişiklikləri yadda saxladı. Sizin dəyişiklikləriniz hələ yadda saxlanılmayıb: müqayisə edin, formanı düzəldin (yazdıqlarınız orada qalıb) və yenidən yadda saxlayın.
edit-conflict-field = Sahə
edit-conflict-saved = Bu arada yadda saxlanılan
edit-conflict-yours = Sizin variant
history-link = Dəyişikliklər tarixçəsi
history-title = { $name }: dəyişikliklər tarixçəsi
history-empty = Hələ heç bir dəyişiklik qeydə alınmayıb.
history-before = Əvvəl
history-after = Sonra
history-restore = Bu versiyanı bərpa et
history-deleted-account = silinmiş hesab
history-system = sistem
history-action-organization-create = Qeydiyyat
history-action-organization-update = Redaktə
history-action-organization-restore = Əvvəlki versiyanın bərpası
history-action-request-approve = Müraciət təsdiqləndi
history-action-request-decline = Müraciət rədd edildi
verified = Təsdiqlənib
verified-expired = Təsdiqin müddəti bitib
verified-on = — şəbəkə koordinatorunun təsdiq tarixi:
verified-until = son etibarlılıq tarixi:

register-title = Təşkilatın qeydiyyatı
register-intro = Təşkilatınızı kataloqa əlavə edin. Siz onun redaktoru olursunuz; təşkilat şəbəkəyə qoşulduqda şəbəkənin koordinatoru onu təsdiqləyir.
register-button = Təşkilatı qeydiyyatdan keçir
join-link = Şəbəkəyə qoşulmaq üçün müraciət et
claim-link = Bu, mənim təşkilatımdır: redaktə hüququ üçün müraciət et
join-title = { $name } şəbəkəyə qoşulmaq üçün müraciət edir
claim-title = { $name }: redaktə hüququ üçün müraciət
claim-intro = Koordinatora bu təşkilatda kim olduğunuzu bildirin. Müraciətiniz təsdiqləndikdən sonra təşkilatın profilini redaktə edə bilərsiniz.
join-no-networks = Bu təşkilat artıq bütün şəbəkələrin üzvüdür.
join-network = Şəbəkə
request-message = Koordinatora mesaj (istəyə bağlı)
request-button = Müraciəti göndər
request-sent = Müraciətiniz göndərildi. Koordinator e-poçt vasitəsilə cavab verəcək.
request-kind-join = Qoşulma müraciəti
request-kind-claim = Redaktə hüququ üçün müraciət
requests-title = Qərar gözləyən müraciətlər
requests-none = Gözləyən müraciət yoxdur.
request-approve = Təsdiqlə
request-decline = Rədd et
request-reason = İmtina səbəbi (müraciət edənə göndəriləcək)
request-reason-required = Səbəbi göstərin: müraciət edən onu oxuyacaq.
request-notice-approved = Müraciət təsdiqləndi və müraciət edənə bildirildi.
request-notice-declined = Müraciət rədd edildi və müraciət edənə bildirildi.
account-register = Təşkilatı qeydiyyatdan keçir
account-requests = Qərar gözləyən müraciətlər
account-organizations = Redaktə etdiyiniz təşkilatlar

mail-request-subject = Yeni müraciət: { $organization } — { $request }
mail-request-body = Salam,

    { $requester } «{ $organization }» adından müraciət edir: { $request }. Sizi gözləyən müraciətlər buradadır:

    { $link }
mail-request-join = «{ $network }» şəbəkəsinə qoşulmaq
mail-request-claim = təşkilatın profilini redaktə etmək hüququ
mail-approved-subject = Müraciət təsdiqləndi: { $organization } — { $request }
mail-approved-body = Salam,

    koordinator «{ $organization }» üzrə müraciətinizi təsdiqlədi: { $request }. Təşkilatın profili:

    { $link }
mail-declined-subject = Müraciət rədd edildi: { $organization } — { $request }
mail-declined-body = Salam,

    koordinator «{ $organization }» üzrə müraciətinizi ({ $request }) aşağıdakı səbəbə görə rədd etdi:

    { $reason }

    Təşkilatın profili:

    { $link }
edit-conflict-reload = Siz redaktə edərkən başqa biri burada dəyişiklikləri yadda saxladı. Sizin dəyişiklikləriniz hələ yadda saxlanılmayıb: yazdıqlarınız formada qalıb; yadda saxlanılan versiyanı görmək üçün səhifəni yeniləyin, sonra yenidən yadda saxlayın.
edit-founded-on = Təsis tarixi (İİİİ-AA-GG)
edit-date-invalid = Tarixi İİİİ-AA-GG formatında göstərin, məsələn, 2004-11-26.
network-edit-link = Şəbəkəni redaktə et
network-coordinator-field = Koordinator təşkilat
network-hand-over-hint = Başqa təşkilatı seçməklə koordinasiyanı ona ötürürsünüz: onun redaktorları koordinator olur, sizin təşkilatın redaktorları isə artıq koordinator olmur.
focal-point-edit-link = Redaktə et
focal-point-title-en = İngilis dilində ad
focal-point-title-ru = Rus dilində ad
focal-point-title-az = Azərbaycan dilində ad
focal-point-goals-label = Şəbəkənin ifadə etdiyi kimi məqsədlər (məsələn, MİM 7)
focal-point-roles = Aparıcı və tərəfdaş təşkilatlar
focal-point-lead-required = Ən azı bir aparıcı təşkilat seçin.
focal-point-both = Təşkilat eyni zamanda həm aparıcı, həm də tərəfdaş ola bilməz.
editors-link = Redaktorlar
editors-title = { $name }: redaktorlar
invite-heading = Həmkarınızı dəvət edin
invite-email = Həmkarınızın e-poçt ünvanı
invite-button = Dəvəti göndər
invite-sent = { $email } ünvanına dəvət artıq yoldadır. Dəvət iki həftə ərzində etibarlıdır.
invite-title = Dəvət
invite-other-address = Bu dəvət { $email } ünvanına göndərilib. Onu qəbul etmək üçün həmin ünvanla daxil olun.
invite-withdrawn = Bu dəvət artıq qüvvədə deyil: onu göndərən şəxs artıq bu təşkilata redaktor dəvət edə bilməz. Onun redaktorlarından birindən yeni dəvət istəyin.
mail-invite-subject = UN-NGO-IRENE platformasında təşkilatı redaktə etmək üçün dəvət
mail-invite-body = Salam,

    { $name } sizi UN-NGO-IRENE platformasında { $organization } təşkilatının profilini redaktə etməyə dəvət edir. Bu keçidi açın və bu ünvanla daxil olun və ya hesab yaradın:

    { $link }
people-link = Nümayəndələr
people-title = { $name }: nümayəndələr
people-honorific = Hörmət ifadəsi (xanım, cənab, dr.…)
people-name-en = İngilis dilində ad
people-name-ru = Rus dilində ad
people-name-az = Azərbaycan dilində ad
people-title-en = İngilis dilində vəzifə
people-title-ru = Rus dilində vəzifə
people-title-az = Azərbaycan dilində vəzifə
people-add = Nümayəndə əlavə et
people-remove = Bu təşkilatdan çıxar
people-name-required = Nümayəndənin adını ən azı bir dildə göstərin.
history-action-person-add = Nümayəndənin əlavə edilməsi
history-action-person-update = Nümayəndənin məlumatlarının düzəldilməsi
history-action-person-remove = Nümayəndənin çıxarılması
history-action-editor-join = Redaktorun qoşulması
theme-edit-link = Mövzunu redaktə et
theme-edit-declaration = Minillik Bəyannaməsinə əsaslanır
mail-reverify-subject = Üzvün təsdiqinin müddəti tezliklə bitir
mail-reverify-body = Salam,

    { $organization } təşkilatının şəbəkəniz tərəfindən təsdiqinin müddəti bir ay ərzində bitir və ya artıq bitib. Zəhmət olmasa, onun profilini yoxlayın və əgər təşkilat hələ də tamhüquqlu üzvdürsə, onu yenidən təsdiqləyin:

    { $link }
verify-again = Tamhüquqlu üzv kimi təsdiqlə
history-action-organization-verify = Koordinator tərəfindən təsdiq
field-name = Ad
field-acronym = Abbreviatura
field-other-names = Digər adlar
field-kind = Növü
field-country = Ölkə
field-city = Şəhər
field-address = Ünvan
field-phone = Telefon
field-website = Veb-sayt
field-founded-year = Təsis ili
field-description = Təsvir
field-consultative-status = Məşvərətçi status
field-status-year = Statusun verildiyi il
field-coordinator = Koordinator
field-founded-on = Təsis tarixi
field-title = Ad və ya vəzifə
field-theme = Mövzu
field-goals-label = Məqsədlər
field-leads = Aparıcı təşkilatlar
field-collaborators = Tərəfdaş təşkilatlar
field-honorific = Hörmət ifadəsi
field-mdgs = MİM
field-sdgs = DİM
field-millennium-declaration = Minillik Bəyannaməsi
network-history-link = Dəyişikliklər tarixçəsi
history-action-network-update = Şəbəkənin redaktəsi
history-action-network-hand-over = Koordinasiyanın ötürülməsi
history-action-focal-point-update = Əlaqələndirmə mərkəzinin redaktəsi
history-action-theme-update = Mövzunun redaktəsi
history-action-focal-point-restore = Əlaqələndirmə mərkəzinin əvvəlki versiyasının bərpası
download-results = Yüklə:
api-link = Açıq məlumatlar (API)
profile-open-data = Açıq məlumatlar
error-unauthorized = Bunun üçün API tokeni lazımdır: onu “Authorization: Bearer …” başlığında göndərin. Tokenlər hesab səhifənizdə yaradılır.
error-conflict = Siz oxuduqdan sonra qeyd dəyişib: onu yenidən oxuyun, sonra dəyişikliyinizi yeni versiya ilə göndərin.
account-tokens = API tokenləri
account-tokens-explained = Token bir proqrama API vasitəsilə sizin adınızdan, sizin hüquqlarınızla işləməyə imkan verir. O, yalnız bir dəfə, yaradılanda göstərilir.
account-token-name = Tokenin adı (onu nə istifadə edir)
account-token-write = Məlumatları dəyişə bilər (yalnız oxumaq deyil)
account-token-create = Token yarat
account-token-created = Yeni tokeniniz (indi köçürün; bir daha göstərilməyəcək):
account-token-revoke = Ləğv et
account-token-never-used = heç istifadə olunmayıb
account-token-used = son istifadə
error-param-invalid = “{ $name }” parametri: { $message }

## Newsletter
newsletter-link = Bülleten
newsletter-title = { $network }: bülleten
newsletter-subscribe-title = Abunə olmaq
newsletter-email = E-poçt ünvanı
newsletter-lang = Dil
newsletter-lang-invalid = Təklif olunan dillərdən birini seçin.
newsletter-lang-save = Dili yadda saxlamaq
newsletter-country = Ölkə
newsletter-country-any = İstənilən ölkə
newsletter-themes = Mövzular
newsletter-themes-hint = İzlədiyiniz mövzuları işarələyin və ya bütün bölmələri almaq üçün heç birini işarələməyin.
newsletter-theme-invalid = İşarələnmiş mövzulardan biri bu şəbəkəyə aid deyil.
newsletter-consent = { $network } şəbəkəsinin bülletenini e-poçt vasitəsilə bu ünvana almağa razıyam. Hər buraxılışdakı keçid vasitəsilə istənilən vaxt abunəlikdən çıxa bilərəm.
newsletter-consent-required = Bülleteni almağa razılıq vermək üçün xananı işarələyin.
newsletter-subscribe-button = Abunə olmaq
newsletter-check-inbox = Əgər { $email } ünvanı hələ abunə olmayıbsa, ona təsdiq keçidi olan məktub göndərilir. Abunəlik siz keçidi açdıqdan sonra başlayır.
newsletter-confirm-subject = { $network } şəbəkəsinin bülleteninə abunəliyinizi təsdiq edin
newsletter-confirm-body = Salam,

    Kimsə, yəqin ki, siz, { $network } şəbəkəsinin bülletenini bu ünvana almaq istəyib. Təsdiq etmək üçün bu keçidi açın və düyməni basın:

    { $link }

    Əgər bu siz deyildinizsə, bu məktuba məhəl qoymayın: sizə heç nə göndərilməyəcək.
newsletter-confirm-title = Abunəliyinizi təsdiq edin
newsletter-confirm-intro = Bülleteni almağa başlamaq üçün düyməni basın.
newsletter-confirm-button = Abunəliyimi təsdiq etmək
newsletter-archive = Əvvəlki buraxılışlar
newsletter-archive-empty = Hələ heç bir buraxılış göndərilməyib.
newsletter-feed = Buraxılışları Atom lenti ilə izləmək
newsletter-unsubscribe-title = Abunəlikdən çıxmaq
newsletter-unsubscribe-intro = { $network } şəbəkəsinin bülleteninin { $email } ünvanına göndərilməsi dayandırılsın?
newsletter-unsubscribe-button = Abunəlikdən çıxmaq
newsletter-unsubscribed = { $email } ünvanı artıq { $network } şəbəkəsinin bülleteninin buraxılışlarını almayacaq.
newsletter-manage-link = Bu ünvanın bütün abunəliklərini idarə etmək
newsletter-manage-title = Bülleten abunəlikləriniz
newsletter-manage-intro = { $email } ünvanının abunəlikləri:
newsletter-manage-none = Bu ünvanın heç bir abunəliyi yoxdur.
newsletter-manage-saved = Yadda saxlanıldı.
newsletter-manage-held = Bu ünvana məktubların çatdırılması bir neçə dəfə uğursuz olub, buna görə də hələlik ona bülleten göndərilmir. Ünvan yenidən işləməyə başladıqda şəbəkənin koordinatoruna yazın.
newsletter-resubscribe = Abunəliklərin idarə edilməsi səhifəsindən yenidən abunə olunub.
newsletter-resubscribe-button = Yenidən abunə olmaq
newsletter-network = Şəbəkə
newsletter-status = Status
newsletter-actions = Əməliyyatlar
newsletter-status-pending = Təsdiq gözlənilir
newsletter-status-active = Abunə olunub
newsletter-status-unsubscribed = Abunəlikdən çıxılıb
newsletter-campaigns-link = Buraxılışları yazmaq və göndərmək
newsletter-subscribers = Abunəçilər
newsletter-subscribers-none = Hələ heç kim abunə olmayıb.
newsletter-held = Dayandırılmış ünvanlar
newsletter-bounces = Uğursuz çatdırılmalar
newsletter-held-why = Poçt serverinin son cavabı
newsletter-held-since = Dayandırılma tarixi
newsletter-mail-reason = { $network } şəbəkəsinin bu bülletenini abunə olduğunuz üçün alırsınız.
newsletter-mail-web = Brauzerdə oxuyun
newsletter-mail-manage = Abunəliklərinizi idarə edin
newsletter-mail-unsubscribe = Abunəlikdən çıxmaq
campaigns-title = { $network }: bülleten buraxılışları
campaigns-none = Hələ heç bir buraxılış yazılmayıb.
campaign-new = Yeni buraxılış yazmaq
campaign-compose-title = { $network }: bülleten buraxılışı
campaign-section = Bölmə
campaign-section-all = Bütün bülleten
campaign-section-invalid = Təklif olunan bölmələrdən birini seçin.
campaign-section-forbidden = Siz yalnız təşkilatınızın rəhbərlik etdiyi mövzuların bölmələrini yaza bilərsiniz.
campaign-main-lang = Əsas dil
campaign-main-lang-hint = Dilində versiya olmayan abunəçilər əsas dildəki versiyanı alırlar.
campaign-main-missing = Əsas dil üçün versiya tələb olunur.
campaign-subject = Məktubun mövzusu
campaign-body = Mətn (Markdown)
campaign-audience = Auditoriya
campaign-audience-hint = Bütün təsdiqlənmiş abunəçilərə göndərmək üçün heç nəyi işarələməyin; işarələnmiş ölkələr, dillər və mövzular auditoriyanı daraldır.
campaign-audience-invalid = İşarələnmiş seçimlərdən biri mövcud deyil.
campaign-audience-everyone = Bütün təsdiqlənmiş abunəçilər
campaign-save = Qaralamanı yadda saxlamaq
campaign-sent-count = Göndərilib
campaign-status-draft = Qaralama
campaign-status-scheduled = Planlaşdırılıb
campaign-status-sending = Göndərilir
campaign-status-paused = Fasilə verilib
campaign-status-sent = Göndərilib
campaign-status-cancelled = Ləğv edilib
campaign-recipients = { $count ->
   *[other] { $count } alıcı
}
campaign-preview = İlkin baxış
campaign-progress = Göndərilmə gedişatı
campaign-actions = Növbəti addımlar
campaign-edit = Redaktə etmək
campaign-send-now = İndi göndərmək
campaign-when = Göndərilmə vaxtı (UTC)
campaign-when-invalid = Tarix və vaxtı göstərin, məsələn, 2026-12-01T09:00.
campaign-when-past = Bu vaxt artıq keçib; daha gec vaxt seçin.
campaign-schedule = Planlaşdırmaq
campaign-unschedule = Qaralama kimi saxlamaq
campaign-pause = Fasilə vermək
campaign-resume = Davam etdirmək
campaign-cancel = Buraxılışı ləğv etmək
campaign-web-version = Dərc olunmuş buraxılış
campaign-test-addresses = Sınaq məktubunun göndəriləcəyi ünvanlar (ən çoxu beş, vergüllə ayrılmış)
campaign-test-send = Sınaq məktubu göndərmək
campaign-test-marker = Sınaq
campaign-test-none = Ən azı bir ünvan göstərin.
campaign-test-bad-address = «{ $address }» e-poçt ünvanı deyil.
campaign-test-too-many = { $count ->
   *[other] Sınaq məktubunu ən çoxu { $count } ünvana göndərmək olar.
}
campaign-test-sent = { $count ->
   *[other] Sınaq məktubu { $count } ünvana göndərildi.
}
campaign-test-failed = Sınaq məktubunu bütün ünvanlara göndərmək mümkün olmadı: { $errors }
campaign-recipients-heading = Alıcılar
delivery-status-queued = Növbədədir
delivery-status-sending = Göndərilir
delivery-status-sent = Göndərilib
delivery-status-failed = Uğursuz oldu
delivery-status-skipped = Ötürülüb
delivery-attempts = Cəhdlər
delivery-sent-at = Göndərilmə vaxtı
delivery-error = Xəta
newsletter-organization-link = Şəbəkələrinin bülletenləri
newsletter-organization-title = { $name }: şəbəkələrinin bülletenləri
newsletter-organization-intro = Təşkilatın ünvanını üzv olduğu şəbəkələrin bülletenlərinə abunə edin. Əvvəlcə həmin ünvana təsdiq keçidi göndəriləcək.
newsletter-organization-none = Təşkilat hələ heç bir şəbəkəyə üzv deyil.
import-missing-name = ad yoxdur
import-bad-slug = “{ $value }” identifikator deyil (kiçik latın hərfləri, rəqəmlər və defislər)
import-unknown-kind = naməlum növ “{ $value }”
import-bad-country = yanlış ölkə kodu “{ $value }” (ISO 3166 alpha-2, məsələn AZ)
import-bad-email = yanlış e-poçt ünvanı “{ $value }”
import-bad-website = “{ $value }” https:// və ya http:// ilə başlamır
import-bad-year = “{ $value }” il deyil
import-unknown-status = naməlum status “{ $value }”
import-unknown-network = naməlum şəbəkə “{ $value }”
import-missing-person-name = şəxsin adı yoxdur
import-no-name-column = ad sütunu yoxdur (name_en, name_ru və ya name_az)
import-duplicate = əvvəlki sətirlərdən birini təkrarlayır
import-unreadable = oxunmur: { $error }
import-file-unreadable = fayl oxunmur
import-cell-error = xanada xəta ({ $error })
import-not-a-text = mətn, rəqəm və ya mətnlər siyahısı gözlənilir
import-nul = mətndə ola bilməyən NUL simvolu var
import-no-sheet = kitabda vərəq yoxdur
import-too-many-columns = sütunlar vərəqdə ola biləcəyindən çoxdur
import-title = Təşkilatların idxalı
import-intro = CSV ixracının sütunları olan CSV, XLSX və ya JSON faylı; şəxslər person_name, person_position, person_email və person_phone sütunlarında. Fayl əvvəlcə yoxlanılır və bütün xətalar düzəldilənə qədər heç nə yazılmır.
import-file = Fayl (CSV, XLSX və ya JSON)
import-mapping = Sütunların uyğunlaşdırılması (könüllü)
import-mapping-hint = Hər sətirdə bir: faylın sütunu = bizim sütun, məsələn Organisation = name_en
import-check = Faylı yoxla
import-problems = { $count ->
    [one] { $count } xəta; heç nə yazılmadı
   *[other] { $count } xəta; heç nə yazılmadı
}
import-line = Sətir
import-column = Sütun
import-message = Xəta
import-ready = Xəta tapılmadı. İdxal { $added } təşkilat əlavə edəcək, { $updated } təşkilatı yeniləyəcək və { $people } şəxs gətirəcək.
import-confirm = İdxal et
import-done = İdxal edildi: { $added } təşkilat əlavə edildi, { $updated } yeniləndi, { $people } şəxs.
import-again = Başqa fayl idxal et
import-no-file = İdxal üçün fayl seçin.
import-too-large = Fayl { $count } MiB-dan böyükdür; onu irene import ilə idxal edin.
import-expired = Bu fayl artıq idxalı gözləmir; onu yenidən yükləyin.
import-bad-mapping = “{ $line }” idxal sütunlarından biri ilə “faylın sütunu = sütun” şəklində deyil
profile-person-vcard = Əlaqə kartı
ecosoc-desk-link = ECOSOC məşvərətçi statusu
ecosoc-desk = Məşvərətçi status
ecosoc-desk-title = ECOSOC məşvərətçi statusu: { $name }
ecosoc-eligibility-title = Məşvərətçi status üçün uyğunluq: { $name }
ecosoc-session-regular = { $year } növbəti sessiyası (yanvar–fevral)
ecosoc-session-resumed = { $year } bərpa olunmuş sessiyası (may–iyun)
ecosoc-criterion-headquarters = İcraçı rəhbəri olan daimi qərargah
ecosoc-criterion-constitution = Demokratik yolla qəbul edilmiş nizamnamə
ecosoc-criterion-authority = Üzvləri adından danışmaq səlahiyyəti
ecosoc-criterion-representative = Təmsilçi struktur
ecosoc-criterion-accountability = Üzvlər qarşısında hesabatlılıq mexanizmləri
ecosoc-criterion-transparency = Demokratik və şəffaf qərarvermə
ecosoc-criterion-funding = Əsas vəsait əsasən qeyri-hökumət mənbələrindən, dövlət vəsaiti açıq bəyan edilir
ecosoc-criterion-relevance = ECOSOC-un işinə aid fəaliyyət
ecosoc-met = Ödənilir
ecosoc-not-met = Ödənilmir
ecosoc-unanswered = Cavab verilməyib
ecosoc-registration-unknown = Qeydiyyat tarixi hələ göstərilməyib
ecosoc-registered-invalid = Qeydiyyat tarixini İİİİ-AA-GG şəklində, gələcək olmayan tarix kimi göstərin.
ecosoc-step-submitted = Təqdim edilib
ecosoc-step-screening = QHT Şöbəsi tərəfindən yoxlama
ecosoc-step-questions = Suallar alınıb
ecosoc-step-deferred = Təxirə salınıb
ecosoc-step-recommended = Komitə tərəfindən tövsiyə edilib
ecosoc-step-granted = ECOSOC tərəfindən verilib
ecosoc-step-not-recommended = Tövsiyə edilməyib
ecosoc-step-closed = Zərərsiz bağlanıb
ecosoc-step-withdrawn = Geri götürülüb
ecosoc-step-report-filed = Dördillik hesabat təqdim edilib
ecosoc-step-reclassification-requested = Yenidən təsnifat istənilib
ecosoc-step-reclassified = Yenidən təsnif edilib
ecosoc-step-name-change-requested = Adın dəyişdirilməsi istənilib
ecosoc-step-name-changed = Adın dəyişdirilməsi qeydə alınıb
ecosoc-date-invalid = Tarixi İİİİ-AA-GG şəklində, gələcək olmayan tarix kimi göstərin.
ecosoc-date-before-last = Son addım { $date } tarixində qeydə alınıb; bu addım ondan əvvəl ola bilməz.
ecosoc-question-required = Alınan sualı yazın.
ecosoc-answer-required = Göndərildi kimi qeyd etməzdən əvvəl cavabı yazın.
history-action-ecosoc-eligibility = Uyğunluq cavabları saxlanılıb
history-action-ecosoc-step = Addım qeydə alınıb
history-action-ecosoc-answer-drafted = Cavab hazırlanıb
history-action-ecosoc-answer-sent = Cavab göndərilib
field-registered-on = Qeydiyyat tarixi
field-answers = Cavablar
field-step = Addım
field-on-date = Tarix
field-session = Sessiya
field-category = Kateqoriya
field-note = Qeyd
field-answer = Cavab
field-answer-sent-on = Cavabın göndərildiyi tarix
ecosoc-report-due = { $period } dövrü üçün dördillik hesabatın son tarixi { $due } (qalan gün: { $days }). Hesabat olmasa, status { $suspended } tarixindən bir il dayandırılır və həmin il ərzində hesabat təqdim edilməzsə, { $withdrawn } tarixində geri alınır.
ecosoc-reinstated = Əvvəlki hesabat dayandırma dövründə təqdim edildikdə status bərpa olunub.
ecosoc-suspended = Status { $since } tarixindən dayandırılıb: { $period } dövrü üçün dördillik hesabat yoxdur. Statusun bərpası üçün onu { $withdrawn } tarixinədək təqdim edin; əks halda status { $withdrawn } tarixində geri alınır.
ecosoc-withdrawn = Status { $on } tarixində geri alınıb: { $period } dövrü üçün dördillik hesabat dayandırma ili ərzində təqdim edilməyib. Təşkilat { $reapply } tarixindən yenidən müraciət edə bilər.
mail-ecosoc-report-subject = Dördillik hesabatın son tarixi { $due }: { $organization }
mail-ecosoc-report-body = { $standing }

    Təşkilatınızın səhifəsi: { $link }
ecosoc-eligible = Bütün meyarlar ödənilir: təşkilat müraciət edə bilər.
ecosoc-not-eligible = Hələ bütün meyarlar ödənilmir.
ecosoc-earliest = Ərizənin qəbul edilə biləcəyi ən erkən tarix
ecosoc-deadline = Çatacağı son müddət
ecosoc-examined-at = Onu nəzərdən keçirəcək Komitə sessiyası
ecosoc-assessment = Nəticə
ecosoc-your-answers = Cavablarınız
ecosoc-registered-on = Dövlət qeydiyyatı tarixi
ecosoc-registered-on-hint = Qeydiyyat şəhadətnaməsində olduğu kimi, İİİİ-AA-GG.
ecosoc-yes = Bəli
ecosoc-no = Xeyr
ecosoc-save = Saxla
ecosoc-eligibility = Uyğunluq
ecosoc-eligibility-intro = Təşkilatın müraciət edə bilib-bilməyəcəyini və nə vaxt edəcəyini görmək üçün 1996/31 qətnaməsinin meyarlarını cavablandırın.
ecosoc-eligibility-link = Uyğunluğu yoxla
ecosoc-application = Ərizə
ecosoc-stage = Cari mərhələ
ecosoc-no-application = Hələ ərizə qeydə alınmayıb.
ecosoc-closed-computed = { $date } tarixində zərərsiz bağlanıb: suallar iki sessiya ərzində cavabsız qalıb.
ecosoc-timeline = Qeydə alınmış addımlar
ecosoc-on-date = Tarix
ecosoc-step = Addım
ecosoc-session = Sessiya
ecosoc-category = Kateqoriya
ecosoc-note = Qeyd
ecosoc-record-step = Addımı qeydə al
ecosoc-session-if-any = Sessiya (suallar və təxirə salma üçün)
ecosoc-category-if-any = Kateqoriya (tövsiyə, verilmə və yenidən təsnifat üçün)
ecosoc-note-or-question = Qeyd və ya alınan sual
ecosoc-record = Qeydə al
ecosoc-questions = Komitənin sualları
ecosoc-no-questions = Sual alınmayıb.
ecosoc-answer-sent = Cavab göndərilib:
ecosoc-answer = Cavab
ecosoc-answer-sent-on = Cavabın göndərildiyi tarix (hazırlanarkən boş saxlayın)
ecosoc-save-answer = Cavabı saxla
ecosoc-status = Status və dördillik hesabatlar
ecosoc-cycle-since = Hesabat dövrü bu tarixdən hesablanır
ecosoc-no-reporting-status = Təşkilatın ümumi və ya xüsusi statusu yoxdur, buna görə dördillik hesabat tələb olunmur.
ecosoc-dossier = Ərizə dosyesi
ecosoc-dossier-title = Ərizə dosyesi: { $name }
ecosoc-dossier-link = Ərizə dosyesini hazırla
ecosoc-part-contact = Əlaqə və qərargah məlumatları
ecosoc-part-mission = Missiya
ecosoc-part-activities = Fəaliyyət və onun ECOSOC-un işinə aidiyyəti
ecosoc-part-structure = Struktur və idarəetmə
ecosoc-part-membership = Üzvlük
ecosoc-part-funding = Maliyyələşmə
ecosoc-part-publications = Nəşrlər
ecosoc-part-summary = Xülasə
ecosoc-document-constitution = Nizamnamə və ya əsasnamə, dəyişiklikləri ilə
ecosoc-document-registration = Qeydiyyat şəhadətnaməsi
ecosoc-document-financial-statement = Son maliyyə hesabatı
ecosoc-document-annual-report = Son illik hesabat
ecosoc-document-publications = Nəşr və ya bəyanat nümunələri
ecosoc-document-organisation-chart = Təşkilati sxem
ecosoc-completeness = Hazırlıq
ecosoc-days-left = { $count } gün qalıb
ecosoc-print-link = Bütün dosyenin çap üçün variantı
ecosoc-dossier-language = Dosyenin dili (BMT ingilis və ya fransız dilini qəbul edir)
ecosoc-questionnaire = Sorğu vərəqəsi
ecosoc-documents = Sənədlər
ecosoc-optional = məcburi deyil
ecosoc-missing = yoxdur
ecosoc-document-kind = Sənəd
ecosoc-file = Fayl
ecosoc-file-hint = PDF, Word, OpenDocument, PNG və ya JPEG, { $count } MB-dək.
ecosoc-upload = Yüklə
ecosoc-file-missing = Yükləmək üçün fayl seçin.
ecosoc-file-too-large = Fayl { $count } MB-dan böyükdür.
ecosoc-file-type = Yalnız PDF, Word, OpenDocument, PNG və ya JPEG faylları qəbul edilir.
history-action-ecosoc-dossier = Dosye redaktə edilib
history-action-ecosoc-document = Sənəd yüklənib
field-language = Dil
field-contact = Əlaqə və qərargah məlumatları
field-mission = Missiya
field-activities = Fəaliyyət
field-structure = Struktur və idarəetmə
field-membership = Üzvlük
field-funding = Maliyyələşmə
field-publications = Nəşrlər
field-summary = Xülasə
field-document = Sənəd
field-file-name = Fayl
field-size = Ölçü (bayt)
field-sha256 = SHA-256
ecosoc-pipeline-not-started = Başlanmayıb
ecosoc-pipeline-eligible = Uyğundur
ecosoc-pipeline-preparing = Hazırlayır
ecosoc-pipeline-submitted = Təqdim edilib
ecosoc-pipeline-deferred = Təxirə salınıb və ya sual verilib
ecosoc-pipeline-recommended = Tövsiyə edilib
ecosoc-pipeline-granted = Statusu var
ecosoc-pipeline-closed = Bağlanıb
ecosoc-board-title = { $name } üzrə məşvərətçi status
ecosoc-board-link = Məşvərətçi status lövhəsi
ecosoc-board-pipeline = Mərhələ və ölkə üzrə üzvlər
ecosoc-board-country = Ölkə
ecosoc-board-total = Cəmi
ecosoc-board-categories = Kateqoriya üzrə status
ecosoc-board-late = Dördillik hesabatı gecikənlər
ecosoc-board-none = Yoxdur.
ecosoc-board-members = Üzvlər
ecosoc-board-organization = Təşkilat
ecosoc-board-report-due = Dördillik hesabatın son tarixi
ecosoc-board-no-country = Ölkə göstərilməyib
ecosoc-board-suspended = dayandırılıb: son tarixi { $due } olan hesabat yoxdur
ecosoc-board-withdrawn = hesabat olmadığı üçün { $on } tarixində geri alınıb
ecosoc-calendar-title = QHT Komitəsinin təqvimi
ecosoc-calendar-intro = Sessiyalar keçirildiyi aylarla göstərilir; dəqiq tarixləri Komitə hər il müəyyən edir.
ecosoc-calendar-what = Nə
ecosoc-calendar-deadline = Tam ərizələrin son müddəti; onlara { $session } baxacaq
ecosoc-calendar-reports = Dördillik hesabatların son tarixi
ecosoc-calendar-council = ECOSOC Komitənin tövsiyələri üzrə qərar verir (adətən iyulda)
ecosoc-station-new-york = Nyu-York
ecosoc-station-geneva = Cenevrə
ecosoc-station-vienna = Vyana
ecosoc-role-president = Prezident və ya baş icraçı direktor
ecosoc-role-administrative = Baş inzibati məsul şəxs
ecosoc-role-main = Əsas nümayəndə
ecosoc-role-additional = Əlavə nümayəndə
ecosoc-refusal-too-young = Nümayəndənin ən azı { $count } yaşı olmalıdır.
ecosoc-refusal-station-full = Bir iş yeri ən çoxu { $count } illik buraxılış verir.
ecosoc-refusal-role-full = Bu il bu iş yerində bu rol üçün buraxılış qalmayıb.
ecosoc-refusal-head-differs = Prezident və baş inzibati məsul şəxs bütün iş yerlərində eyni şəxslər olmalıdır.
ecosoc-refusal-heads-not-approved = Digər buraxılışlardan əvvəl bu iş yerində prezident və ya baş inzibati məsul şəxs təsdiqlənməlidir.
ecosoc-representative-name = Nümayəndənin adını göstərin (200 simvola qədər).
ecosoc-representatives-title = Nümayəndələr və buraxılışlar: { $name }
ecosoc-representatives-link = Nümayəndələr və buraxılışlar
ecosoc-representatives-rules = Hər iş yeri 31 dekabradək qüvvədə olan 7-yə qədər illik buraxılış verir: prezident və baş inzibati məsul şəxs (bütün iş yerlərində eyni şəxslər; onlardan biri digər buraxılışlardan əvvəl təsdiqlənir), bir əsas nümayəndə və dördə qədər əlavə nümayəndə; hamısının ən azı 18 yaşı olmalıdır.
ecosoc-representatives-years = İllər
ecosoc-representatives-year = { $count } ili üçün buraxılışlar
ecosoc-role = Rol
ecosoc-representative = Nümayəndə
ecosoc-approved-on = Təsdiq tarixi
ecosoc-actions = Əməliyyatlar
ecosoc-mark-approved = Bu gün təsdiqlənmiş kimi qeyd et
ecosoc-remove = Sil
ecosoc-designate = Nümayəndə təyin et
ecosoc-station = İş yeri
ecosoc-born-on = Doğum tarixi
history-action-ecosoc-representative = Nümayəndə təyin edilib
history-action-ecosoc-representative-approve = Nümayəndənin buraxılışı təsdiqlənib
history-action-ecosoc-representative-remove = Nümayəndə silinib
field-year = İl
field-station = İş yeri
field-role = Rol
ecosoc-import-title = Məşvərətçi statuslu təşkilatların siyahısının idxalı
ecosoc-import-intro = Başlıq sətrində name, country, category (general, special və ya roster) və year granted sütunları olan CSV faylı. Uyğunluqları yoxlamadan heç nə yazılmır.
ecosoc-import-file = CSV faylı
ecosoc-import-read = Oxu və uyğunlaşdır
ecosoc-import-problems = Heç nə oxunmadı: faylda problemlər var.
ecosoc-import-unreadable = Fayl CSV kimi oxunmur.
ecosoc-import-header = Başlıq sətrində name, category və year sütunları olmalıdır (country məcburi deyil).
ecosoc-import-bad-line = { $line } sətri oxunmur.
ecosoc-import-nul = { $line } sətrində NUL simvolu var; heç bir mətndə bu simvol ola bilməz.
ecosoc-import-no-name = { $line } sətri: ad yoxdur.
ecosoc-import-bad-category = { $line } sətri: kateqoriya general, special və ya roster olmalıdır.
ecosoc-import-bad-year = { $line } sətri: il 1946 ilə bu il arasında olmalıdır.
ecosoc-import-empty = Faylda başlıqdan sonra sətir yoxdur.
ecosoc-import-review-title = Yazılmazdan əvvəl uyğunluqları yoxlayın
ecosoc-import-applied = Qeyd edilmiş uyğunluqlar kataloqa yazılıb.
ecosoc-import-uncertain = Şübhəli uyğunluqlar
ecosoc-import-uncertain-intro = Sözlər başqa ardıcıllıqla eynidir, ölkə fərqlidir və ya bir neçə qeydin adı eynidir: eyni təşkilat olanları qeyd edin.
ecosoc-import-certain = Dəqiq uyğunluqlar
ecosoc-import-apply = Qeyd edilmiş uyğunluqları yaz
ecosoc-import-unmatched = Kataloqda yoxdur
ecosoc-import-line = Sətir
history-action-ecosoc-import = Status BMT siyahısından götürülüb
ecosoc-index-title = ECOSOC məşvərətçi statusu
ecosoc-index-organizations = Redaktə etdiyiniz təşkilatların səhifələri
ecosoc-index-networks = Koordinasiya etdiyiniz şəbəkələrin lövhələri
campaign-follow-off = Bu səhifəni avtomatik yeniləməmək
campaign-follow-on = Buraxılış göndərilərkən bu səhifəni avtomatik yeniləmək
history-action-ecosoc-document-delete = Sənəd silindi
ecosoc-file-replaces = Yeni qeydiyyat şəhadətnaməsi, maliyyə hesabatı, illik hesabat və ya təşkilati sxem əvvəlkini əvəz edir; dəyişiklikləri ilə nizamnamə və nəşrlər toplanır.
ecosoc-new-name-if-any = Yeni ad (adın dəyişməsi üçün, Komitənin nəzərə aldığı kimi)
ecosoc-new-name-required = Komitənin nəzərə aldığı yeni adı yazın.
history-action-organization-name-change = Komitə adın dəyişməsini nəzərə aldıqdan sonra adı dəyişdirildi
ecosoc-report-unknown = Hesabat tarixçəsi məlum deyil — təqdim edilmiş son hesabatı qeyd edin.
ecosoc-last-report-hint = Status kataloqdan və ya BMT siyahısından götürülüb, ona görə əvvəlki hesabatlar burada qeyd edilməyib. Göstərilən ilin sonuna qədər müddəti çatan hesabatlar təqdim edilmiş sayılır.
ecosoc-last-report-year = Son dördillik hesabatın təqdim edildiyi il
ecosoc-last-report-year-invalid = { $from } ilə { $to } arasında bir il göstərin.
history-action-ecosoc-last-report = Son hesabatın ili qeyd edildi
field-last-report-year = Son hesabat təqdim edilib
people-email = Bu vəzifədə e-poçt
people-phone = Bu vəzifədə telefon
import-link = Təşkilatların fayldan idxalı
newsletter-more = Ölkənizi və mövzuları seçin, keçmiş buraxılışları oxuyun
newsletter-default-lang = Bülletenin əsas dili (yeni buraxılışlar əvvəlcə bu dildə yazılır; öz dilində versiyası olmayan oxucular onu alır)
newsletter-default-lang-save = Yadda saxla
newsletter-release = Yenidən göndər
ecosoc-save-dossier = Dosyeni saxla
ecosoc-dossier-stale = Siz dosyeni açandan sonra başqası onu saxlayıb. Yazdıqlarınız aşağıda qalır: onları saxlanmış versiya ilə (çap versiyası) tutuşdurun və yenidən saxlayın.
ecosoc-dossier-shared = Dosyeni şəbəkələrimizin koordinatorları ilə paylaş
ecosoc-dossier-shared-hint = Əks halda sorğu vərəqəsini və sənədləri yalnız bu təşkilatın redaktorları oxuyur; inzibatçılar da oxumur.
field-shared-with-coordinators = Şəbəkə koordinatorları ilə paylaşılıb
ecosoc-storage = Sənədlər təşkilatın saxlaya biləcəyi { $quota } MB-ın { $used } MB-ını tutur.
ecosoc-quota-exceeded = Bu fayl sığmır: təşkilatın sənədləri birlikdə { $quota } MB tuta bilər və artıq { $used } MB tutur. Yer açmaq üçün bir sənədi silin.
