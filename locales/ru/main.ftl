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
error-param-nul = Параметр «{ $name }» содержит нулевой символ (NUL), недопустимый в тексте.
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

nav-account = Учетная запись
error-sign-in-required = Чтобы продолжить, войдите в систему.
error-forbidden-title = Доступ запрещен
error-forbidden = Вашей учетной записи это действие здесь недоступно.
error-too-many-attempts-title = Слишком много попыток
error-too-many-attempts = Слишком много попыток за короткое время. Пожалуйста, подождите немного и повторите попытку.
error-too-large = Объем отправленных данных слишком велик.

field-email = Адрес электронной почты
field-email-new = Новый адрес электронной почты
field-display-name = Ваше имя
field-password = Пароль
field-password-current = Текущий пароль
field-password-new = Новый пароль
field-password-confirm = Повторите новый пароль
field-setup-token = Код настройки (выводится в журнал сервера)
form-required = Заполните это поле.
form-too-long = { $count ->
    [one] Не более { $count } символа.
    [few] Не более { $count } символов.
    [many] Не более { $count } символов.
   *[other] Не более { $count } символа.
}
form-email-invalid = Это не адрес электронной почты.
form-password-too-short = { $count ->
    [one] Пароль должен содержать не менее { $count } символа.
    [few] Пароль должен содержать не менее { $count } символов.
    [many] Пароль должен содержать не менее { $count } символов.
   *[other] Пароль должен содержать не менее { $count } символа.
}
form-password-too-long = { $count ->
    [one] Не более { $count } символа.
    [few] Не более { $count } символов.
    [many] Не более { $count } символов.
   *[other] Не более { $count } символа.
}
form-password-mismatch = Пароли не совпадают.
form-password-hint = { $count ->
    [one] Пароль длиной не менее { $count } символа; лучше всего подойдет фраза, которую вы легко запомните.
    [few] Пароль длиной не менее { $count } символов; лучше всего подойдет фраза, которую вы легко запомните.
    [many] Пароль длиной не менее { $count } символов; лучше всего подойдет фраза, которую вы легко запомните.
   *[other] Пароль длиной не менее { $count } символа; лучше всего подойдет фраза, которую вы легко запомните.
}

signup-title = Создание учетной записи
signup-button = Создать учетную запись
signup-have-account = Уже есть учетная запись?
signup-check-mail = Мы отправили письмо на адрес { $email }. Перейдите по ссылке в нем, чтобы подтвердить адрес и войти.
confirm-title = Подтверждение адреса
token-invalid = Эта ссылка больше недействительна: она уже была использована или срок ее действия истек. Запросите новую ссылку.
signin-title = Войти
signin-button = Войти
signin-forgot = Забыли пароль?
signin-unconfirmed = Ваш адрес еще не подтвержден. Перейдите по ссылке из письма с подтверждением, которое мы вам отправили; новое письмо мы отправляем не чаще раза в час.
signin-wrong = Неверный адрес электронной почты или пароль.
signout-button = Выйти
reset-title = Сброс пароля
reset-intro = Укажите адрес своей учетной записи, и мы отправим вам ссылку для выбора нового пароля.
reset-button = Отправить ссылку
reset-check-mail = Если с адресом { $email } связана учетная запись, на него уже отправлено письмо со ссылкой. Ссылка действует в течение часа.
reset-save = Сохранить новый пароль

mail-confirm-subject = Подтвердите свою учетную запись UN-NGO-IRENE
mail-confirm-body = Здравствуйте!

    Пожалуйста, подтвердите свой адрес электронной почты, перейдя по этой ссылке:

    { $link }

    Если вы не создавали учетную запись, просто не обращайте внимания на это письмо.
mail-exists-subject = Ваша учетная запись UN-NGO-IRENE
mail-exists-body = Здравствуйте!

    Кто-то попытался создать учетную запись с этим адресом, хотя с ним уже связана учетная запись. Если это были вы и вы забыли пароль, вы можете выбрать новый здесь:

    { $link }
mail-reset-subject = Выберите новый пароль для UN-NGO-IRENE
mail-reset-body = Здравствуйте!

    Чтобы выбрать новый пароль, перейдите по этой ссылке в течение часа:

    { $link }

    Если вы этого не запрашивали, не обращайте внимания на это письмо: ваш пароль останется прежним.
mail-email-change-subject = Подтвердите новый адрес для UN-NGO-IRENE
mail-email-change-body = Здравствуйте!

    Чтобы сделать этот адрес адресом вашей учетной записи, перейдите по этой ссылке:

    { $link }

account-title = Ваша учетная запись
account-notice-welcome = Добро пожаловать! Вы вошли в систему.
account-notice-reset = Новый пароль сохранен, и вы вошли в систему. Другие ваши сеансы завершены, а API-токены отозваны; при необходимости создайте новые токены ниже.
account-notice-password = Пароль изменен. Другие ваши сеансы завершены, а API-токены отозваны; при необходимости создайте новые токены ниже.
account-notice-email-sent = Мы отправили ссылку на новый адрес; перейдите по ней, чтобы подтвердить изменение.
account-notice-email-changed = Адрес электронной почты изменен.
account-notice-session-ended = Сеанс завершен.
account-wrong-password = Текущий пароль указан неверно.
account-email-taken = Этот адрес уже используется другой учетной записью.
account-role = Роль
account-admin = Администратор платформы
account-sessions = Где выполнен вход
account-session-device = Браузер
account-session-started = Вход выполнен
account-session-last-seen = Последняя активность
account-session-end = Завершить этот сеанс
account-session-current = этот браузер
account-change-password = Изменить пароль
account-change-email = Изменить адрес электронной почты
account-your-data = Ваши данные
account-export = Скачать все данные о вас, хранящиеся на платформе (JSON)
account-delete = Удалить учетную запись
account-delete-explained = Ваше имя, адрес и пароль будут удалены, и вы выйдете из системы на всех устройствах. Изменения, которые вы внесли в записи сети, сохранятся и будут отнесены к удаленной учетной записи.
account-delete-confirm = Да, удалить мою учетную запись
account-delete-confirm-required = Установите флажок для подтверждения.

setup-title = Создание первого администратора
setup-intro = В этой установке пока нет администратора. Введите код настройки из журнала сервера и данные администратора.
setup-button = Создать администратора
setup-token-wrong = Это не тот код настройки, который приведен в журнале сервера.

form-has-errors = Некоторые поля требуют внимания: см. сообщения рядом с ними.
edit-title = Редактирование: { $name }
edit-link = Редактировать профиль
edit-save = Сохранить изменения
edit-saved = Изменения сохранены.
edit-name-en = Название на английском языке
edit-name-ru = Название на русском языке
edit-name-az = Название на азербайджанском языке
edit-acronym = Аббревиатура
edit-other-names = Другие названия и варианты написания (по одному в строке)
edit-description = Описание
edit-description-en = Описание на английском языке
edit-description-ru = Описание на русском языке
edit-description-az = Описание на азербайджанском языке
edit-markdown-hint = Можно использовать Markdown: **полужирный**, *курсив*, [ссылки](https://example.org), списки.
edit-country-code = Страна (двухбуквенный код ISO, например AZ)
edit-status-year = Год предоставления консультативного статуса
edit-name-required = Укажите название организации хотя бы на одном языке.
edit-choose = Выберите один из вариантов.
edit-country-invalid = Это не код страны; используйте две буквы, например AZ или GE.
edit-website-invalid = Укажите полный адрес, начинающийся с https:// или http://.
edit-year-invalid = Укажите год в диапазоне от 1800 до { $max }.
edit-conflict = Пока вы редактировали этот профиль, кто-то другой сохранил в нем изменения. Ваши изменения еще не сохранены: сравните данные, исправьте форму (в ней сохранено все, что вы ввели) и сохраните ее снова.
edit-conflict-field = Поле
edit-conflict-saved = Сохранено за это время
edit-conflict-yours = Ваш вариант
history-link = История изменений
history-title = История изменений: { $name }
history-empty = Изменения пока не зарегистрированы.
history-before = До
history-after = После
history-restore = Восстановить эту версию
history-deleted-account = удаленная учетная запись
history-system = система
history-action-organization-create = Регистрация
history-action-organization-update = Редактирование
history-action-organization-restore = Восстановление предыдущей версии
history-action-request-approve = Заявка одобрена
history-action-request-decline = Заявка отклонена
verified = Проверено
verified-expired = Срок действия проверки истек
verified-on = — дата проверки координатором сети:
verified-until = действует до

register-title = Регистрация организации
register-intro = Добавьте свою организацию в каталог. Вы станете ее редактором; координатор сети проверит организацию, когда она вступит в сеть.
register-button = Зарегистрировать организацию
join-link = Подать заявку на вступление в сеть
claim-link = Это моя организация: подать заявку на право редактирования
join-title = Заявка организации «{ $name }» на вступление в сеть
claim-title = Заявка на право редактирования: { $name }
claim-intro = Сообщите координатору, кем вы являетесь в этой организации. После одобрения заявки вы сможете редактировать ее профиль.
join-no-networks = Эта организация уже является членом всех сетей.
join-network = Сеть
request-message = Сообщение координатору (необязательно)
request-button = Отправить заявку
request-sent = Ваша заявка отправлена. Координатор ответит по электронной почте.
request-kind-join = Заявка на вступление
request-kind-claim = Заявка на право редактирования
requests-title = Заявки на рассмотрение
requests-none = Заявок, ожидающих рассмотрения, нет.
request-approve = Одобрить
request-decline = Отклонить
request-reason = Причина отклонения (будет отправлена заявителю)
request-reason-required = Укажите причину: заявитель ее прочитает.
request-notice-approved = Заявка одобрена, заявитель уведомлен.
request-notice-declined = Заявка отклонена, заявитель уведомлен.
account-register = Зарегистрировать организацию
account-requests = Заявки на рассмотрение
account-organizations = Организации, которые вы редактируете

mail-request-subject = Новая заявка: { $organization } — { $request }
mail-request-body = Здравствуйте!

    { $requester } от имени организации «{ $organization }» просит { $request }. Заявки, ожидающие вашего решения, находятся здесь:

    { $link }
mail-request-join = принять ее в сеть «{ $network }»
mail-request-claim = дать право редактировать профиль организации
mail-approved-subject = Заявка одобрена: { $organization } — { $request }
mail-approved-body = Здравствуйте!

    Координатор одобрил вашу заявку организации «{ $organization }»: { $request }. Профиль организации:

    { $link }
mail-declined-subject = Заявка отклонена: { $organization } — { $request }
mail-declined-body = Здравствуйте!

    Координатор отклонил вашу заявку организации «{ $organization }» ({ $request }) по следующей причине:

    { $reason }

    Профиль организации:

    { $link }
edit-conflict-reload = Пока вы редактировали, кто-то другой сохранил здесь изменения. Ваши изменения еще не сохранены: в форме осталось все, что вы ввели; перезагрузите страницу, чтобы увидеть сохраненную версию, а затем сохраните снова.
edit-founded-on = Дата основания (ГГГГ-ММ-ДД)
edit-date-invalid = Укажите дату в формате ГГГГ-ММ-ДД, например 2004-11-26.
network-edit-link = Редактировать сеть
network-coordinator-field = Организация-координатор
network-hand-over-hint = Выбор другой организации означает передачу координации: ее редакторы станут координаторами, а редакторы вашей организации перестанут ими быть.
focal-point-edit-link = Редактировать
focal-point-title-en = Название на английском языке
focal-point-title-ru = Название на русском языке
focal-point-title-az = Название на азербайджанском языке
focal-point-goals-label = Цели в формулировке сети (например, ЦРТ 7)
focal-point-roles = Ведущие организации и организации-партнеры
focal-point-lead-required = Выберите хотя бы одну ведущую организацию.
focal-point-both = Организация не может быть одновременно ведущей и партнером.
editors-link = Редакторы
editors-title = Редакторы: { $name }
invite-heading = Пригласить коллегу
invite-email = Адрес электронной почты коллеги
invite-button = Отправить приглашение
invite-sent = Приглашение отправлено на адрес { $email }. Оно действует в течение двух недель.
invite-title = Приглашение
invite-other-address = Это приглашение было отправлено на адрес { $email }. Чтобы принять его, войдите в систему с этим адресом.
invite-withdrawn = Это приглашение больше не действует: отправивший его человек больше не может приглашать редакторов этой организации. Попросите одного из её редакторов прислать новое.
mail-invite-subject = Приглашение редактировать организацию на UN-NGO-IRENE
mail-invite-body = Здравствуйте!

    { $name } приглашает вас редактировать профиль организации «{ $organization }» на UN-NGO-IRENE. Перейдите по этой ссылке и войдите в систему или создайте учетную запись с этим адресом:

    { $link }
people-link = Представители
people-title = Представители: { $name }
people-honorific = Обращение (г-жа, г-н, д-р…)
people-name-en = Имя на английском языке
people-name-ru = Имя на русском языке
people-name-az = Имя на азербайджанском языке
people-title-en = Должность на английском языке
people-title-ru = Должность на русском языке
people-title-az = Должность на азербайджанском языке
people-add = Добавить представителя
people-remove = Удалить из этой организации
people-name-required = Укажите имя представителя хотя бы на одном языке.
history-action-person-add = Добавление представителя
history-action-person-update = Исправление данных представителя
history-action-person-remove = Удаление представителя
history-action-editor-join = Присоединение редактора
theme-edit-link = Редактировать тему
theme-edit-declaration = Основана на Декларации тысячелетия
mail-reverify-subject = Скоро истекает срок действия проверки члена сети
mail-reverify-body = Здравствуйте!

    Срок действия проверки организации «{ $organization }» вашей сетью истекает в течение месяца или уже истек. Пожалуйста, проверьте ее профиль и, если она по-прежнему является полноправным членом сети, одобрите ее повторно:

    { $link }
verify-again = Отметить как проверенного полноправного члена
history-action-organization-verify = Проверка координатором
field-name = Название или имя
field-acronym = Аббревиатура
field-other-names = Другие названия
field-kind = Тип
field-country = Страна
field-city = Город
field-address = Адрес
field-phone = Телефон
field-website = Веб-сайт
field-founded-year = Год основания
field-description = Описание
field-consultative-status = Консультативный статус
field-status-year = Год предоставления статуса
field-coordinator = Координатор
field-founded-on = Дата основания
field-title = Название или должность
field-theme = Тема
field-goals-label = Цели
field-leads = Ведущие организации
field-collaborators = Организации-партнеры
field-honorific = Обращение
field-mdgs = ЦРТ
field-sdgs = ЦУР
field-millennium-declaration = Декларация тысячелетия
network-history-link = История изменений
history-action-network-update = Редактирование сети
history-action-network-hand-over = Передача координации
history-action-focal-point-update = Редактирование координационного центра
history-action-theme-update = Редактирование темы
history-action-focal-point-restore = Восстановление прежней версии координационного центра
download-results = Скачать:
api-link = Открытые данные (API)
profile-open-data = Открытые данные
error-unauthorized = Для этого нужен API-токен: передайте его в заголовке «Authorization: Bearer …». Токены создаются на странице учетной записи.
error-conflict = Запись изменилась после того, как вы ее прочитали: прочитайте ее снова и отправьте изменение с новой версией.
account-tokens = API-токены
account-tokens-explained = Токен позволяет программе действовать от вашего имени через API, с вашими правами. Он показывается один раз, при создании.
account-token-name = Название токена (что его использует)
account-token-write = Может изменять данные (а не только читать)
account-token-create = Создать токен
account-token-created = Ваш новый токен (скопируйте его сейчас; больше он показан не будет):
account-token-revoke = Отозвать
account-token-never-used = ни разу не использовался
account-token-used = последнее использование
error-param-invalid = Параметр «{ $name }»: { $message }

## Newsletter
newsletter-link = Рассылка
newsletter-title = { $network }: рассылка
newsletter-subscribe-title = Подписка
newsletter-email = Адрес электронной почты
newsletter-lang = Язык
newsletter-lang-invalid = Выберите один из предложенных языков.
newsletter-lang-save = Сохранить язык
newsletter-country = Страна
newsletter-country-any = Любая страна
newsletter-themes = Темы
newsletter-themes-hint = Отметьте темы, которые вас интересуют, или не отмечайте ни одной, чтобы получать все разделы.
newsletter-theme-invalid = Одна из отмеченных тем не относится к этой сети.
newsletter-consent = Я даю согласие на получение рассылки { $network } по электронной почте на этот адрес. Я могу отписаться в любой момент из любого выпуска.
newsletter-consent-required = Отметьте флажок, чтобы дать согласие на получение рассылки.
newsletter-subscribe-button = Подписаться
newsletter-check-inbox = Если адрес { $email } еще не подписан, на него отправлено письмо со ссылкой для подтверждения. Подписка начнет действовать, как только вы откроете эту ссылку.
newsletter-confirm-subject = Подтвердите подписку на рассылку { $network }
newsletter-confirm-body = Здравствуйте!

    Кто-то, вероятно вы, попросил присылать на этот адрес рассылку { $network }. Чтобы подтвердить подписку, откройте эту ссылку и нажмите кнопку:

    { $link }

    Если это были не вы, просто проигнорируйте это письмо: вам ничего не будет отправлено.
newsletter-confirm-title = Подтвердите подписку
newsletter-confirm-intro = Нажмите кнопку, чтобы начать получать рассылку.
newsletter-confirm-button = Подтвердить подписку
newsletter-archive = Прошлые выпуски
newsletter-archive-empty = Пока не отправлено ни одного выпуска.
newsletter-feed = Следить за выпусками через ленту Atom
newsletter-unsubscribe-title = Отписаться
newsletter-unsubscribe-intro = Прекратить отправку рассылки { $network } на адрес { $email }?
newsletter-unsubscribe-button = Отписаться
newsletter-unsubscribed = На адрес { $email } больше не будут приходить выпуски рассылки { $network }.
newsletter-manage-link = Управлять всеми подписками этого адреса
newsletter-manage-title = Ваши подписки на рассылки
newsletter-manage-intro = Подписки адреса { $email }:
newsletter-manage-none = У этого адреса нет подписок.
newsletter-manage-saved = Сохранено.
newsletter-manage-held = Доставка писем на этот адрес несколько раз завершилась ошибкой, поэтому рассылка на него пока не отправляется. Когда адрес снова заработает, напишите координатору сети.
newsletter-resubscribe = Повторная подписка со страницы управления подписками.
newsletter-resubscribe-button = Подписаться снова
newsletter-network = Сеть
newsletter-status = Статус
newsletter-actions = Действия
newsletter-status-pending = Ожидает подтверждения
newsletter-status-active = Подписан
newsletter-status-unsubscribed = Отписан
newsletter-campaigns-link = Подготовка и отправка выпусков
newsletter-subscribers = Подписчики
newsletter-subscribers-none = Пока никто не подписался.
newsletter-held = Приостановленные адреса
newsletter-bounces = Сбои доставки
newsletter-held-why = Последний ответ почтового сервера
newsletter-held-since = Дата приостановки
newsletter-mail-reason = Вы получаете эту рассылку { $network }, потому что подписались на нее.
newsletter-mail-web = Открыть в браузере
newsletter-mail-manage = Управление подписками
newsletter-mail-unsubscribe = Отписаться
campaigns-title = { $network }: выпуски рассылки
campaigns-none = Пока не подготовлено ни одного выпуска.
campaign-new = Подготовить новый выпуск
campaign-compose-title = { $network }: выпуск рассылки
campaign-section = Раздел
campaign-section-all = Вся рассылка
campaign-section-invalid = Выберите один из предложенных разделов.
campaign-section-forbidden = Вы можете писать только разделы по темам, которые ведет ваша организация.
campaign-main-lang = Основной язык
campaign-main-lang-hint = Подписчики, для языка которых нет версии, получат версию на основном языке.
campaign-main-missing = Для основного языка нужна своя версия.
campaign-subject = Тема письма
campaign-body = Текст (Markdown)
campaign-audience = Аудитория
campaign-audience-hint = Ничего не отмечайте, чтобы отправить всем подтвержденным подписчикам; отмеченные страны, языки и темы сужают аудиторию.
campaign-audience-invalid = Один из отмеченных вариантов недоступен.
campaign-audience-everyone = Все подтвержденные подписчики
campaign-save = Сохранить черновик
campaign-sent-count = Отправлено
campaign-status-draft = Черновик
campaign-status-scheduled = Запланирован
campaign-status-sending = Отправляется
campaign-status-paused = Приостановлен
campaign-status-sent = Отправлен
campaign-status-cancelled = Отменен
campaign-recipients = { $count ->
    [one] { $count } получатель
    [few] { $count } получателя
    [many] { $count } получателей
   *[other] { $count } получателя
}
campaign-preview = Предпросмотр
campaign-progress = Ход отправки
campaign-actions = Дальнейшие действия
campaign-edit = Редактировать
campaign-send-now = Отправить сейчас
campaign-when = Время отправки (UTC)
campaign-when-invalid = Укажите дату и время, например 2026-12-01T09:00.
campaign-when-past = Это время уже прошло; выберите более позднее.
campaign-schedule = Запланировать
campaign-unschedule = Оставить черновиком
campaign-pause = Приостановить
campaign-resume = Возобновить
campaign-cancel = Отменить выпуск
campaign-web-version = Опубликованный выпуск
campaign-test-addresses = Отправить тестовое письмо на адреса (не более пяти, через запятую)
campaign-test-send = Отправить тестовое письмо
campaign-test-marker = Тест
campaign-test-none = Укажите хотя бы один адрес.
campaign-test-bad-address = «{ $address }» не является адресом электронной почты.
campaign-test-too-many = { $count ->
    [one] Тестовое письмо можно отправить не более чем на { $count } адрес.
    [few] Тестовое письмо можно отправить не более чем на { $count } адреса.
    [many] Тестовое письмо можно отправить не более чем на { $count } адресов.
   *[other] Тестовое письмо можно отправить не более чем на { $count } адреса.
}
campaign-test-sent = { $count ->
    [one] Тестовое письмо отправлено на { $count } адрес.
    [few] Тестовое письмо отправлено на { $count } адреса.
    [many] Тестовое письмо отправлено на { $count } адресов.
   *[other] Тестовое письмо отправлено на { $count } адреса.
}
campaign-test-failed = Не удалось отправить тестовое письмо на все адреса: { $errors }
campaign-recipients-heading = Получатели
delivery-status-queued = В очереди
delivery-status-sending = Отправляется
delivery-status-sent = Отправлено
delivery-status-failed = Сбой
delivery-status-skipped = Пропущено
delivery-attempts = Попытки
delivery-sent-at = Время отправки
delivery-error = Ошибка
newsletter-organization-link = Рассылки ее сетей
newsletter-organization-title = { $name }: рассылки ее сетей
newsletter-organization-intro = Подпишите адрес организации на рассылки сетей, в которые она входит. Сначала на этот адрес придет ссылка для подтверждения.
newsletter-organization-none = Организация пока не входит ни в одну сеть.
import-missing-name = нет названия
import-bad-slug = «{ $value }» не является идентификатором (строчные латинские буквы, цифры и дефисы)
import-unknown-kind = неизвестный тип «{ $value }»
import-bad-country = неверный код страны «{ $value }» (ISO 3166 alpha-2, например AZ)
import-bad-email = неверный адрес электронной почты «{ $value }»
import-bad-website = «{ $value }» не начинается с https:// или http://
import-bad-year = «{ $value }» не является годом
import-unknown-status = неизвестный статус «{ $value }»
import-unknown-network = неизвестная сеть «{ $value }»
import-missing-person-name = нет имени человека
import-no-name-column = нет столбца с названием (name_en, name_ru или name_az)
import-duplicate = повторяет одну из предыдущих строк
import-unreadable = не читается: { $error }
import-file-unreadable = файл не читается
import-cell-error = ошибка в ячейке ({ $error })
import-not-a-text = ожидается текст, число или список текстов
import-nul = содержит нулевой символ (NUL), недопустимый в тексте
import-no-sheet = в книге нет листов
import-too-many-columns = столбцов больше, чем может быть на листе
import-title = Импорт организаций
import-intro = Файл CSV, XLSX или JSON со столбцами экспорта CSV и людьми в столбцах person_name, person_position, person_email и person_phone. Сначала файл проверяется, и ничего не записывается, пока все ошибки не исправлены.
import-file = Файл (CSV, XLSX или JSON)
import-mapping = Сопоставление столбцов (необязательно)
import-mapping-hint = По одному в строке: столбец файла = наш столбец, например Organisation = name_en
import-check = Проверить файл
import-problems = { $count ->
    [one] { $count } ошибка; ничего не записано
    [few] { $count } ошибки; ничего не записано
    [many] { $count } ошибок; ничего не записано
   *[other] { $count } ошибки; ничего не записано
}
import-line = Строка
import-column = Столбец
import-message = Ошибка
import-ready = Ошибок нет. Импорт добавит организаций: { $added }, обновит: { $updated }, людей: { $people }.
import-confirm = Импортировать
import-done = Импортировано: добавлено организаций: { $added }, обновлено: { $updated }, людей: { $people }.
import-again = Импортировать другой файл
import-no-file = Выберите файл для импорта.
import-too-large = Файл больше { $count } МиБ; импортируйте его командой irene import.
import-expired = Этот файл больше не ожидает импорта; загрузите его снова.
import-bad-mapping = «{ $line }» не имеет вида «столбец файла = столбец» с одним из столбцов импорта
profile-person-vcard = Карточка контакта
ecosoc-desk-link = Консультативный статус ЭКОСОС
ecosoc-desk = Консультативный статус
ecosoc-desk-title = Консультативный статус ЭКОСОС: { $name }
ecosoc-eligibility-title = Соответствие требованиям для консультативного статуса: { $name }
ecosoc-session-regular = Очередная сессия { $year } года (январь–февраль)
ecosoc-session-resumed = Возобновленная сессия { $year } года (май–июнь)
ecosoc-criterion-headquarters = Постоянная штаб-квартира и исполнительный руководитель
ecosoc-criterion-constitution = Демократически принятый устав
ecosoc-criterion-authority = Право выступать от имени своих членов
ecosoc-criterion-representative = Представительная структура
ecosoc-criterion-accountability = Механизмы подотчетности членам
ecosoc-criterion-transparency = Демократическое и прозрачное принятие решений
ecosoc-criterion-funding = Основные средства в основном из неправительственных источников, государственные средства открыто указаны
ecosoc-criterion-relevance = Деятельность, относящаяся к работе ЭКОСОС
ecosoc-met = Выполнено
ecosoc-not-met = Не выполнено
ecosoc-unanswered = Нет ответа
ecosoc-registration-unknown = Дата регистрации еще не указана
ecosoc-registered-invalid = Укажите дату регистрации в виде ГГГГ-ММ-ДД, не в будущем.
ecosoc-step-submitted = Подана
ecosoc-step-screening = Проверка Секцией НПО
ecosoc-step-questions = Получены вопросы
ecosoc-step-deferred = Отложена
ecosoc-step-recommended = Рекомендована Комитетом
ecosoc-step-granted = Предоставлен ЭКОСОС
ecosoc-step-not-recommended = Не рекомендована
ecosoc-step-closed = Закрыта без ущерба
ecosoc-step-withdrawn = Отозвана
ecosoc-step-report-filed = Четырехгодичный доклад представлен
ecosoc-step-reclassification-requested = Запрошена реклассификация
ecosoc-step-reclassified = Реклассифицирована
ecosoc-step-name-change-requested = Запрошено изменение названия
ecosoc-step-name-changed = Изменение названия принято к сведению
ecosoc-date-invalid = Укажите дату в виде ГГГГ-ММ-ДД, не в будущем.
ecosoc-date-before-last = Последний шаг записан { $date }; этот не может быть раньше.
ecosoc-question-required = Впишите полученный вопрос.
ecosoc-answer-required = Впишите ответ, прежде чем отметить его отправленным.
history-action-ecosoc-eligibility = Сохранены ответы о соответствии
history-action-ecosoc-step = Записан шаг
history-action-ecosoc-answer-drafted = Подготовлен ответ
history-action-ecosoc-answer-sent = Ответ отправлен
field-registered-on = Дата регистрации
field-answers = Ответы
field-step = Шаг
field-on-date = Дата
field-session = Сессия
field-category = Категория
field-note = Примечание
field-answer = Ответ
field-answer-sent-on = Ответ отправлен
ecosoc-report-due = Четырехгодичный доклад за { $period } нужно представить до { $due } (осталось дней: { $days }). Если его нет, статус приостанавливается на год с { $suspended } и отзывается { $withdrawn }, если доклад не представлен в течение этого года.
ecosoc-reinstated = Статус был восстановлен, когда предыдущий доклад поступил во время приостановки.
ecosoc-suspended = Статус приостановлен с { $since }: нет четырехгодичного доклада за { $period }. Представьте его до { $withdrawn }, чтобы статус восстановили; иначе он будет отозван { $withdrawn }.
ecosoc-withdrawn = Статус отозван { $on }: четырехгодичный доклад за { $period } не был представлен в течение года приостановки. Организация может снова подать заявку с { $reapply }.
mail-ecosoc-report-subject = Четырехгодичный доклад до { $due }: { $organization }
mail-ecosoc-report-body = { $standing }

    Страница вашей организации: { $link }
ecosoc-eligible = Все требования выполнены: организация может подать заявку.
ecosoc-not-eligible = Еще не все требования выполнены.
ecosoc-earliest = Самая ранняя дата получения заявки
ecosoc-deadline = Срок, к которому она успевает
ecosoc-examined-at = Сессия Комитета, которая ее рассмотрит
ecosoc-assessment = Вывод
ecosoc-your-answers = Ваши ответы
ecosoc-registered-on = Дата государственной регистрации
ecosoc-registered-on-hint = Как в свидетельстве о регистрации, ГГГГ-ММ-ДД.
ecosoc-yes = Да
ecosoc-no = Нет
ecosoc-save = Сохранить
ecosoc-eligibility = Соответствие требованиям
ecosoc-eligibility-intro = Ответьте на требования резолюции 1996/31, чтобы узнать, может ли организация подать заявку и когда.
ecosoc-eligibility-link = Проверить соответствие
ecosoc-application = Заявка
ecosoc-stage = Текущий этап
ecosoc-no-application = Заявка еще не записана.
ecosoc-closed-computed = Закрыта без ущерба { $date }: вопросы остались без ответа две сессии.
ecosoc-timeline = Записанные шаги
ecosoc-on-date = Дата
ecosoc-step = Шаг
ecosoc-session = Сессия
ecosoc-category = Категория
ecosoc-note = Примечание
ecosoc-record-step = Записать шаг
ecosoc-session-if-any = Сессия (для вопросов и отсрочки)
ecosoc-category-if-any = Категория (для рекомендации, предоставления и реклассификации)
ecosoc-note-or-question = Примечание или полученный вопрос
ecosoc-record = Записать
ecosoc-questions = Вопросы Комитета
ecosoc-no-questions = Вопросов не поступало.
ecosoc-answer-sent = Ответ отправлен
ecosoc-answer = Ответ
ecosoc-answer-sent-on = Дата отправки ответа (оставьте пустой, пока ответ готовится)
ecosoc-save-answer = Сохранить ответ
ecosoc-status = Статус и четырехгодичные доклады
ecosoc-cycle-since = Отчетный цикл отсчитывается с
ecosoc-no-reporting-status = У организации нет общего или специального статуса, поэтому четырехгодичные доклады не нужны.
ecosoc-dossier = Досье заявки
ecosoc-dossier-title = Досье заявки: { $name }
ecosoc-dossier-link = Подготовить досье заявки
ecosoc-part-contact = Контакты и штаб-квартира
ecosoc-part-mission = Миссия
ecosoc-part-activities = Деятельность и ее связь с работой ЭКОСОС
ecosoc-part-structure = Структура и управление
ecosoc-part-membership = Членство
ecosoc-part-funding = Финансирование
ecosoc-part-publications = Публикации
ecosoc-part-summary = Резюме
ecosoc-document-constitution = Устав или положение с изменениями
ecosoc-document-registration = Свидетельство о регистрации
ecosoc-document-financial-statement = Последний финансовый отчет
ecosoc-document-annual-report = Последний годовой отчет
ecosoc-document-publications = Образцы публикаций или заявлений
ecosoc-document-organisation-chart = Организационная схема
ecosoc-completeness = Готовность
ecosoc-days-left = { $count ->
    [one] остался { $count } день
    [few] осталось { $count } дня
    [many] осталось { $count } дней
    *[other] осталось { $count } дня
    }
ecosoc-print-link = Версия всего досье для печати
ecosoc-dossier-language = Язык досье (ООН принимает английский или французский)
ecosoc-questionnaire = Вопросник
ecosoc-documents = Документы
ecosoc-optional = необязательно
ecosoc-missing = нет
ecosoc-document-kind = Документ
ecosoc-file = Файл
ecosoc-file-hint = PDF, Word, OpenDocument, PNG или JPEG, до { $count } МБ.
ecosoc-upload = Загрузить
ecosoc-file-missing = Выберите файл для загрузки.
ecosoc-file-too-large = Файл больше { $count } МБ.
ecosoc-file-type = Принимаются только файлы PDF, Word, OpenDocument, PNG или JPEG.
history-action-ecosoc-dossier = Досье изменено
history-action-ecosoc-document = Документ загружен
field-language = Язык
field-contact = Контакты и штаб-квартира
field-mission = Миссия
field-activities = Деятельность
field-structure = Структура и управление
field-membership = Членство
field-funding = Финансирование
field-publications = Публикации
field-summary = Резюме
field-document = Документ
field-file-name = Файл
field-size = Размер (байт)
field-sha256 = SHA-256
ecosoc-pipeline-not-started = Не начато
ecosoc-pipeline-eligible = Соответствует
ecosoc-pipeline-preparing = Готовит заявку
ecosoc-pipeline-submitted = Подана
ecosoc-pipeline-deferred = Отложена или с вопросами
ecosoc-pipeline-recommended = Рекомендована
ecosoc-pipeline-granted = Имеет статус
ecosoc-pipeline-closed = Закрыта
ecosoc-board-title = Консультативный статус в сети { $name }
ecosoc-board-link = Сводка по консультативному статусу
ecosoc-board-pipeline = Члены по этапам и странам
ecosoc-board-country = Страна
ecosoc-board-total = Всего
ecosoc-board-categories = Статус по категориям
ecosoc-board-late = Просрочен четырехгодичный доклад
ecosoc-board-none = Нет.
ecosoc-board-members = Члены
ecosoc-board-organization = Организация
ecosoc-board-report-due = Срок четырехгодичного доклада
ecosoc-board-no-country = Страна не указана
ecosoc-board-suspended = приостановлен: нет доклада со сроком { $due }
ecosoc-board-withdrawn = отозван { $on } из-за отсутствия доклада
ecosoc-calendar-title = Календарь Комитета по НПО
ecosoc-calendar-intro = Сессии указаны по месяцам проведения; точные даты Комитет устанавливает ежегодно.
ecosoc-calendar-what = Что
ecosoc-calendar-deadline = Срок подачи полных заявок; их рассмотрит { $session }
ecosoc-calendar-reports = Срок четырехгодичных докладов
ecosoc-calendar-council = ЭКОСОС принимает решения по рекомендациям Комитета (обычно в июле)
ecosoc-station-new-york = Нью-Йорк
ecosoc-station-geneva = Женева
ecosoc-station-vienna = Вена
ecosoc-role-president = Президент или исполнительный директор
ecosoc-role-administrative = Главный административный сотрудник
ecosoc-role-main = Главный представитель
ecosoc-role-additional = Дополнительный представитель
ecosoc-refusal-too-young = { $count ->
    [one] Представителю должен быть не менее { $count } года.
    [few] Представителю должно быть не менее { $count } лет.
    [many] Представителю должно быть не менее { $count } лет.
    *[other] Представителю должно быть не менее { $count } лет.
    }
ecosoc-refusal-station-full = { $count ->
    [one] Место службы выдает не более { $count } годового пропуска.
    *[other] Место службы выдает не более { $count } годовых пропусков.
    }
ecosoc-refusal-role-full = На этом месте службы в этом году пропусков для этой роли больше нет.
ecosoc-refusal-head-differs = Президент и главный административный сотрудник должны быть одними и теми же людьми на всех местах службы.
ecosoc-refusal-heads-not-approved = До любого другого пропуска на этом месте службы должен быть утвержден президент или главный административный сотрудник.
ecosoc-representative-name = Укажите имя представителя (до 200 знаков).
ecosoc-representatives-title = Представители и пропуска: { $name }
ecosoc-representatives-link = Представители и пропуска
ecosoc-representatives-rules = Каждое место службы выдает до 7 годовых пропусков, действующих до 31 декабря: президенту и главному административному сотруднику (одни и те же люди на всех местах службы; один из них утверждается до любого другого пропуска), главному представителю и до четырех дополнительных представителей, всем не моложе 18 лет.
ecosoc-representatives-years = Годы
ecosoc-representatives-year = Пропуска на { $count } год
ecosoc-role = Роль
ecosoc-representative = Представитель
ecosoc-approved-on = Утвержден
ecosoc-actions = Действия
ecosoc-mark-approved = Отметить утвержденным сегодня
ecosoc-remove = Удалить
ecosoc-designate = Назначить представителя
ecosoc-station = Место службы
ecosoc-born-on = Дата рождения
history-action-ecosoc-representative = Назначен представитель
history-action-ecosoc-representative-approve = Пропуск представителя утвержден
history-action-ecosoc-representative-remove = Представитель удален
field-year = Год
field-station = Место службы
field-role = Роль
ecosoc-import-title = Импорт списка организаций с консультативным статусом
ecosoc-import-intro = Файл CSV с заголовком, где названы столбцы name, country, category (general, special или roster) и year granted. Ничего не записывается, пока вы не проверите совпадения.
ecosoc-import-file = Файл CSV
ecosoc-import-read = Прочитать и сопоставить
ecosoc-import-problems = Ничего не прочитано: в файле есть ошибки.
ecosoc-import-unreadable = Файл не читается как CSV.
ecosoc-import-header = В заголовке должны быть столбцы name, category и year (country необязателен).
ecosoc-import-bad-line = Строку { $line } прочитать нельзя.
ecosoc-import-nul = Строка { $line } содержит символ NUL, недопустимый в тексте.
ecosoc-import-no-name = Строка { $line }: нет названия.
ecosoc-import-bad-category = Строка { $line }: категория должна быть general, special или roster.
ecosoc-import-bad-year = Строка { $line }: год должен быть от 1946 до текущего.
ecosoc-import-empty = В файле нет строк после заголовка.
ecosoc-import-review-title = Проверьте совпадения перед записью
ecosoc-import-applied = Отмеченные совпадения записаны в справочник.
ecosoc-import-uncertain = Неуверенные совпадения
ecosoc-import-uncertain-intro = Слова совпадают в другом порядке, страна отличается или у нескольких записей одно название: отметьте те, что относятся к той же организации.
ecosoc-import-certain = Уверенные совпадения
ecosoc-import-apply = Записать отмеченные совпадения
ecosoc-import-unmatched = Нет в справочнике
ecosoc-import-line = Строка
history-action-ecosoc-import = Статус взят из списка ООН
ecosoc-index-title = Консультативный статус ЭКОСОС
ecosoc-index-organizations = Страницы организаций, которые вы редактируете
ecosoc-index-networks = Сводки сетей, которые вы координируете
campaign-follow-off = Не обновлять эту страницу автоматически
campaign-follow-on = Обновлять эту страницу автоматически, пока выпуск рассылается
history-action-ecosoc-document-delete = Документ удален
ecosoc-file-replaces = Новое свидетельство о регистрации, финансовый отчет, годовой отчет или организационная схема заменяет прежний документ; устав с поправками и публикации накапливаются.
ecosoc-new-name-if-any = Новое название (при смене названия, как его принял к сведению Комитет)
ecosoc-new-name-required = Укажите новое название, принятое Комитетом к сведению.
history-action-organization-name-change = Переименована после того, как Комитет принял смену названия к сведению
ecosoc-report-unknown = История докладов неизвестна — укажите последний представленный доклад.
ecosoc-last-report-hint = Статус взят из каталога или из списка ООН, поэтому прежние доклады здесь не записаны. Доклады со сроком до конца указанного года считаются представленными.
ecosoc-last-report-year = Год, когда был представлен последний четырехгодичный доклад
ecosoc-last-report-year-invalid = Укажите год от { $from } до { $to }.
history-action-ecosoc-last-report = Записан год последнего доклада
field-last-report-year = Последний доклад представлен
people-email = Электронная почта в этой должности
people-phone = Телефон в этой должности
import-link = Импорт организаций из файла
newsletter-more = Выбрать страну и темы, прочитать прошлые выпуски
newsletter-default-lang = Основной язык рассылки (новые выпуски пишутся сначала на нем; читатели языка без своей версии получают его)
newsletter-default-lang-save = Сохранить
newsletter-release = Снова отправлять
ecosoc-save-dossier = Сохранить досье
ecosoc-dossier-stale = Кто-то другой сохранил досье после того, как вы его открыли. Введённый вами текст сохранён ниже: сверьте его с сохранённой версией (версия для печати) и сохраните ещё раз.
ecosoc-dossier-shared = Открыть досье координаторам наших сетей
ecosoc-dossier-shared-hint = Иначе анкету и документы читают только редакторы этой организации; администраторы тоже не видят их.
field-shared-with-coordinators = Открыто координаторам сетей
ecosoc-storage = Документы занимают { $used } МБ из { $quota } МБ, доступных организации.
ecosoc-quota-exceeded = Файл не помещается: документы организации могут занимать вместе { $quota } МБ и уже занимают { $used } МБ. Удалите документ, чтобы освободить место.
