# Мероприятия: прием заявок на конференцию, предложения сессий и история мероприятия.
events-call = Прием заявок
events-call-of = Прием заявок: { $event }
events-call-opens-on = Начало приема
events-call-closes-on = Окончание приема
events-call-themes = Темы
events-call-is-open = Прием заявок открыт: предложите сессию ниже.
events-call-is-closed = Сейчас заявки не принимаются.
events-call-none = Для этого мероприятия прием заявок не объявлен.
events-call-edit = Открыть или изменить прием заявок
events-call-opens-on-field = Начало приема (ГГГГ-ММ-ДД)
events-call-closes-on-field = Окончание приема (ГГГГ-ММ-ДД)
events-call-themes-field = Темы заявок (если ни одной — любая тема)
events-call-guidance-en = Указания для авторов (английский, Markdown)
events-call-guidance-ru = Указания для авторов (русский, Markdown)
events-call-guidance-az = Указания для авторов (азербайджанский, Markdown)
events-call-closes-before-opening = Прием должен закончиться не раньше дня начала.
events-proposals-review = Рассмотреть заявки
events-proposals-of = Предложения сессий: { $event }
events-proposals-none = Заявок пока нет.
events-proposals-mine = Ваши заявки
events-proposal-new = Предложить сессию
events-proposal-title = Название сессии
events-proposal-summary = Аннотация
events-proposal-speakers = Докладчики
events-proposal-guests = Другие докладчики, по одному имени в строке
events-proposal-submit = Отправить заявку
events-proposal-sign-in = Войдите, чтобы предложить сессию
events-proposal-title-required = Укажите название сессии.
events-proposal-summary-required = Напишите аннотацию.
events-proposal-theme-required = Выберите одну из тем, объявленных для приема заявок.
events-proposal-guests-invalid = { $count ->
    [one] Укажите не более { $count } имени, по одному в строке, до 200 знаков каждое.
    [few] Укажите не более { $count } имен, по одному в строке, до 200 знаков каждое.
   *[other] Укажите не более { $count } имен, по одному в строке, до 200 знаков каждое.
}
events-proposal-reason = Причина отклонения
events-proposal-reason-required = Укажите причину — ее отправят автору заявки.
events-proposal-accept = Включить в программу
events-proposal-decline = Отклонить
proposal-status-submitted = ожидает рассмотрения
proposal-status-accepted = включена в программу
proposal-status-declined = отклонена
events-history = История изменений
events-mail-proposal-accepted-subject = Ваша заявка принята: { $title }
events-mail-proposal-accepted-body = Ваше предложение сессии «{ $title }» на мероприятие «{ $event }» принято и включено в программу:
    { $page }
events-mail-proposal-declined-subject = Ваша заявка отклонена: { $title }
events-mail-proposal-declined-body = Ваше предложение сессии «{ $title }» на мероприятие «{ $event }» отклонено по следующей причине:
    { $reason }
history-action-event-update = Мероприятие изменено
history-action-event-call = Прием заявок открыт или изменен
history-action-event-proposal-submit = Предложена сессия
history-action-event-proposal-accept = Заявка включена в программу
history-action-event-proposal-decline = Заявка отклонена
events-persons-met = Лица, с которыми состоялись встречи
events-persons-met-of = Лица, с которыми состоялись встречи: { $event }
events-persons-met-none = Пока никто не записан.
events-person-met-function = Должность
events-person-met-add = Добавить
events-person-met-delete = Удалить
events-person-met-name-required = Укажите имя.
history-action-event-person-met-add = Записано лицо, с которым состоялась встреча
history-action-event-person-met-remove = Удалено лицо, с которым состоялась встреча
