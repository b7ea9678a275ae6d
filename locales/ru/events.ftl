# Мероприятия: страницы, формы, регистрация и письма.
event-kind-workshop = Семинар
event-kind-conference = Конференция
event-kind-meeting = Заседание страновой группы
event-kind-field-visit = Ознакомительный визит
event-kind-official-meeting = Официальная встреча
event-kind-webinar = Вебинар
session-kind-plenary = Пленарное заседание
session-kind-working-group = Рабочая группа
session-kind-presentation = Доклад
session-kind-break = Перерыв
registration-kind-participant = Участник
registration-kind-speaker = Докладчик
registration-kind-media = СМИ
registration-kind-government = Правительство
registration-kind-un = Организация Объединенных Наций
registration-status-confirmed = Место подтверждено
registration-status-waiting = В листе ожидания
registration-status-cancelled = Отменено
events-title = Мероприятия
events-of = Мероприятия: { $owner }
events-calendar-link = Мероприятия и календарь
events-back-to-owner = Назад
events-feed = Подписаться на календарь (iCalendar)
events-new = Добавить мероприятие
events-none = Мероприятий пока нет.
events-undated = Дата не указана
events-when = Когда
events-where = Где
events-online = Онлайн
events-languages = Языки
events-theme = Тема
events-organizers = Организаторы
events-partners = Партнеры
events-chair = Председатель
events-attendance = Число участников
events-capacity = Число мест
events-seats-left = { $count ->
    [one] осталось { $count } место
    [few] осталось { $count } места
    [many] осталось { $count } мест
   *[other] осталось { $count } места
}
events-programme = Программа
events-programme-print = Программа для печати
events-programme-of = Программа: { $event }
events-programme-heading = Программа встреч и повестка дня
events-no-programme = Программа не записана.
events-add-to-calendar = Добавить в календарь (.ics)
events-participant-list = Список участников
events-participants-of = Список участников: { $event }
events-participants-note = В списке только участники, согласившиеся на это.
events-no-participants = В списке пока никого нет.
events-participant-name = Имя
events-participant-organization = Организация
events-participant-country = Страна
events-edit = Изменить мероприятие
events-back = Вернуться к мероприятию
events-session-time = Время и зал
events-session = Заседание
events-session-people = Докладчики и модераторы
events-session-outcome = Итог
events-role-speaker = докладчик
events-role-facilitator = модератор
events-role-chair = председатель
events-role-member = участник группы
events-registration = Регистрация
events-count-confirmed = { $count ->
    [one] занято { $count } место
    [few] занято { $count } места
    [many] занято { $count } мест
   *[other] занято { $count } места
}
events-count-waiting = { $count ->
    [one] { $count } человек ждет
    [few] { $count } человека ждут
    [many] { $count } человек ждут
   *[other] { $count } человека ждут
}
events-registration-kind = Я регистрируюсь как
events-your-name = Ваше имя
events-your-email = Ваш адрес электронной почты
events-your-organization = Ваша организация (необязательно)
events-consent-listed = Указать мое имя, организацию и страну в опубликованном списке участников.
events-register = Зарегистрироваться
events-registration-closed = Регистрация на это мероприятие не открыта.
events-registered-confirmed = Вы зарегистрированы: ваше место подтверждено. Подтверждение придет по электронной почте.
events-registered-waiting = Мест нет: вы в листе ожидания, и мы напишем вам, если место освободится.
events-name-required = Укажите ваше имя.
events-email-invalid = Укажите действительный адрес электронной почты.
events-country-invalid = Укажите двухбуквенный код страны ISO, например AZ.
events-cancel-title = Отмена регистрации
events-cancel-question = Отменить регистрацию { $name } на «{ $event }»?
events-cancel-button = Отменить мою регистрацию
events-cancelled = Ваша регистрация отменена. Если у вас было место, оно переходит к первому в листе ожидания.
events-cancelled-before = Эта регистрация уже была отменена.
events-new-title = Новое мероприятие
events-edit-title = Изменение: { $event }
events-kind = Вид мероприятия
events-title-en = Название (английский)
events-title-ru = Название (русский)
events-title-az = Название (азербайджанский)
events-title-required = Укажите название мероприятия.
events-starts-on = Первый день (ГГГГ-ММ-ДД)
events-ends-on = Последний день (ГГГГ-ММ-ДД; пусто для однодневного мероприятия)
events-start-time = Начало (ЧЧ:ММ, необязательно)
events-end-time = Окончание (ЧЧ:ММ, необязательно)
events-time-zone = Часовой пояс (название IANA, например Asia/Baku)
events-location-en = Место проведения (английский)
events-location-ru = Место проведения (русский)
events-location-az = Место проведения (азербайджанский)
events-online-url = Ссылка для участия онлайн (https://…)
events-languages-field = Языки (коды, например en, ru, az)
events-capacity-field = Число мест (пусто — без ограничения)
events-registration-open = Регистрация открыта
events-description-en = Описание (английский, Markdown)
events-description-ru = Описание (русский, Markdown)
events-description-az = Описание (азербайджанский, Markdown)
events-organizations = Организаторы и партнеры
events-role-none = Не указана
events-role-organizer = Организатор
events-role-partner = Партнер
events-no-theme = Без отдельной темы
events-day-invalid = Укажите день в виде ГГГГ-ММ-ДД.
events-time-invalid = Укажите время в виде ЧЧ:ММ.
events-zone-invalid = Укажите часовой пояс из базы IANA, например Asia/Baku или Europe/Istanbul.
events-ends-before-start = Мероприятие должно заканчиваться после начала.
events-url-invalid = Укажите адрес, начинающийся с https:// или http://.
events-languages-invalid = Укажите коды языков из двух или трех букв через запятую.
events-capacity-invalid = Укажите число мест от 1 до 100000 или оставьте поле пустым.
events-mail-confirmed-subject = Регистрация подтверждена: { $event }
events-mail-confirmed-body = Уважаемый(ая) { $name },

    ваше место на «{ $event }» подтверждено. Мероприятие приложено к письму, чтобы добавить его в календарь.

    Мероприятие: { $page }
    Отменить регистрацию: { $cancel }
events-mail-waiting-subject = Лист ожидания: { $event }
events-mail-waiting-body = Уважаемый(ая) { $name },

    на «{ $event }» мест нет, и вы в листе ожидания. Если место освободится, оно по очереди перейдет к вам, и мы вам напишем.

    Мероприятие: { $page }
    Покинуть лист ожидания: { $cancel }
events-mail-promoted-subject = Место ваше: { $event }
events-mail-promoted-body = Уважаемый(ая) { $name },

    на «{ $event }» освободилось место, и теперь оно ваше. Мероприятие приложено к письму, чтобы добавить его в календарь.

    Мероприятие: { $page }
    Отменить регистрацию: { $cancel }

events-registrations = Регистрации и отметка прибывших
events-registrations-of = Регистрации: { $event }
events-count-checked-in = { $count ->
    [one] отмечен { $count }
    [few] отмечено { $count }
    [many] отмечено { $count }
   *[other] отмечено { $count }
}
events-export-csv = Выгрузить в CSV
events-badges = Бейджи для печати
events-badges-of = Бейджи: { $event }
events-no-registrations = Пока никто не зарегистрировался.
events-registration-kind-column = Как
events-registration-status = Статус
events-check-in = Отметить прибытие
events-checked-in = присутствует
events-outcome = Итоговый отчет
events-outcome-en = Итоговый отчет (английский, Markdown)
events-outcome-ru = Итоговый отчет (русский, Markdown)
events-outcome-az = Итоговый отчет (азербайджанский, Markdown)
events-programme-edit = Изменить программу
events-programme-edit-of = Программа: { $event }
events-session-add = Добавить заседание
events-session-delete = Удалить
events-session-kind = Вид заседания
events-session-day = День (ГГГГ-ММ-ДД, необязательно)
events-session-room = Зал (необязательно)
events-session-outcome-en = Итог (английский, необязательно)
events-session-outcome-ru = Итог (русский, необязательно)
events-session-outcome-az = Итог (азербайджанский, необязательно)
events-certificates = Сертификаты участника
events-certificates-of = Сертификаты: { $event }
events-no-certificates = Прибытие еще никого не отмечено: сертификаты выдаются присутствовавшим.
events-certificate-heading = Сертификат участника
events-certificate-is-given-to = Настоящим удостоверяется, что
events-certificate-for = принял(а) участие в мероприятии
