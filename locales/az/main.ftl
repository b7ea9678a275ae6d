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
