site-name = UN-NGO-IRENE
skip-to-content = Перейти к основному содержанию
nav-main = Основная навигация
nav-directory = Каталог
nav-networks = Сети
nav-themes = Темы
nav-languages = Язык
footer-text = UN-NGO-IRENE — неформальная региональная сеть неправительственных организаций и Организации Объединенных Наций.

home-title = Главная
home-heading = Сети НПО, сотрудничающих с Организацией Объединенных Наций
home-intro = Находите организации из всех сетей, их тематические координационные центры, а также Цели развития тысячелетия и Цели устойчивого развития, над которыми они работают, — на английском, русском или азербайджанском языке.

error-back-home = Вернуться на главную страницу
error-bad-request-title = На этот запрос невозможно ответить
error-not-found-title = Страница не найдена
error-internal-title = Что-то пошло не так
error-not-found = По этому адресу ничего нет.
error-internal = Сервер не смог обработать этот запрос. Пожалуйста, повторите попытку позже.
error-param-unknown = Параметр «{ $name }»: значение «{ $value }» недопустимо.
error-param-too-long = Параметр «{ $name }» слишком длинный (максимальное число символов: { $max }).
error-param-not-a-number = Параметр «{ $name }» должен быть целым числом.
error-param-out-of-range = Параметр «{ $name }» должен находиться в диапазоне от { $min } до { $max }.
error-param-invalid-utf8 = Параметр «{ $name }» не является допустимым текстом в кодировке UTF-8.
error-param-repeated = Параметр «{ $name }» можно указать только один раз.

directory-title = Каталог организаций
directory-title-query = Организации по запросу «{ $query }»
search-label = Поиск организаций по названию, аббревиатуре, местонахождению или описанию
search-button = Найти
facets-label = Фильтры
facet-country = Страна
facet-kind = Тип организации
facet-theme = Тема
facet-network = Сеть
facet-status = Консультативный статус при ЭКОСОС
active-filters = Выбранные фильтры:
remove-filter = снять этот фильтр
clear-filters = Сбросить все фильтры
sort-label = Сортировка:
sort-relevance = по релевантности
sort-name = по названию
no-results = Подходящих организаций не найдено. Проверьте написание, сократите запрос или снимите один из фильтров.
pagination-label = Страницы результатов
page-previous = Предыдущая
page-next = Следующая
organizations-found = { $count ->
    [0] Организаций не найдено
    [one] Найдена { $count } организация
    [few] Найдены { $count } организации
    [many] Найдено { $count } организаций
   *[other] Найдено { $count } организации
}
organizations-count = { $count ->
    [one] { $count } организация
    [few] { $count } организации
    [many] { $count } организаций
   *[other] { $count } организации
}
countries-count = { $count ->
    [one] { $count } страна
    [few] { $count } страны
    [many] { $count } стран
   *[other] { $count } страны
}
networks-count = { $count ->
    [one] { $count } сеть
    [few] { $count } сети
    [many] { $count } сетей
   *[other] { $count } сети
}
participants-count = { $count ->
    [one] { $count } участник
    [few] { $count } участника
    [many] { $count } участников
   *[other] { $count } участника
}

kind-ngo = Неправительственная организация
kind-government = Государственный орган
kind-un-agency = Учреждение или программа ООН
kind-donor = Донор
kind-business = Коммерческая организация
kind-academic = Научное или образовательное учреждение
kind-media = Средство массовой информации

status-none = Без консультативного статуса
status-roster = Статус в реестре
status-special = Специальный консультативный статус
status-general = Общий консультативный статус
status-unspecified = Консультативный статус (категория не указана)

profile-about = Об организации
profile-names = Названия
profile-other-name = Другое название
profile-kind = Тип
profile-consultative-status = Консультативный статус при ЭКОСОС
profile-granted = предоставлен в
profile-country = Страна
profile-city = Город
profile-address = Адрес
profile-phone = Телефон
profile-email = Электронная почта
profile-website = Веб-сайт
profile-founded = Год основания
profile-networks = Сети
profile-focal-points = Тематические координационные центры
profile-themes = Темы и цели
profile-people = Представители
profile-commitments = Обязательства
profile-events = Встречи
role-coordinator = координатор
role-member = член
role-lead = Ведущая организация
role-collaborator = Организация-партнер

networks-title = Сети
network-founded = основана
network-coordinator = Координатор
network-no-coordinator = Координатор пока не назначен
network-members = Члены
network-with-status = Члены, имеющие консультативный статус при ЭКОСОС
network-countries = Члены по странам
network-children = Сети в ее составе
network-focal-points = Тематические координационные центры
focal-point-lead = Ведущая организация
focal-point-leads = Ведущие организации
focal-point-collaborators = Организации-партнеры
network-per-theme = Члены по темам
network-member-list = Организации — члены сети
network-no-members = В сети пока нет организаций-членов.
network-events = Встречи
level-global = Глобальный уровень
level-regional = Региональная сеть
level-national = Национальная сеть

themes-title = Темы
theme-goals = Цели
theme-millennium-declaration = Тема основана на Декларации тысячелетия, а не на какой-либо из Целей развития тысячелетия.
theme-no-goals = Пока не связана ни с одной из целей.
theme-focal-points = Координационные центры в сетях
theme-no-focal-points = Ни в одной сети пока нет координационного центра по этой теме.
theme-organizations = Организации, работающие по этой теме

mdg-full = Цель развития тысячелетия
mdg-short = ЦРТ
sdg-full = Цель устойчивого развития
sdg-short = ЦУР
mdg-1 = Ликвидация крайней нищеты и голода
mdg-2 = Обеспечение всеобщего начального образования
mdg-3 = Поощрение равенства мужчин и женщин и расширение прав и возможностей женщин
mdg-4 = Сокращение детской смертности
mdg-5 = Улучшение охраны материнства
mdg-6 = Борьба с ВИЧ/СПИДом, малярией и другими заболеваниями
mdg-7 = Обеспечение экологической устойчивости
mdg-8 = Формирование глобального партнерства в целях развития
sdg-1 = Ликвидация нищеты
sdg-2 = Ликвидация голода
sdg-3 = Хорошее здоровье и благополучие
sdg-4 = Качественное образование
sdg-5 = Гендерное равенство
sdg-6 = Чистая вода и санитария
sdg-7 = Недорогостоящая и чистая энергия
sdg-8 = Достойная работа и экономический рост
sdg-9 = Индустриализация, инновации и инфраструктура
sdg-10 = Уменьшение неравенства
sdg-11 = Устойчивые города и населенные пункты
sdg-12 = Ответственное потребление и производство
sdg-13 = Борьба с изменением климата
sdg-14 = Сохранение морских экосистем
sdg-15 = Сохранение экосистем суши
sdg-16 = Мир, правосудие и эффективные институты
sdg-17 = Партнерство в интересах устойчивого развития
