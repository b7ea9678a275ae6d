signin-disabled = Администратор отключил эту учетную запись. Чтобы ее снова включили, напишите администраторам портала.
nav-requests = Заявки
nav-signup = Создать учетную запись
account-mail-language = Язык писем
account-mail-language-field = IRENE пишет вам на языке
account-notice-language = Язык писем сохранен.
account-own-requests = Ваши заявки
admin-accounts-title = Учетные записи и роли
admin-accounts-requests = Заявки, ожидающие решения во всех сетях
admin-accounts-search = Имя или адрес электронной почты
admin-accounts-count = { $count ->
    [one] { $count } учетная запись
    [few] { $count } учетные записи
    [many] { $count } учетных записей
   *[other] { $count } учетной записи
}
admin-accounts-roles = Роли
admin-accounts-state = Состояние
admin-accounts-coordinates = Координирует
admin-accounts-edits = Редактирует
admin-accounts-active = Действует
admin-accounts-unconfirmed = Адрес не подтвержден
admin-accounts-disabled = Отключена
admin-accounts-disable = Отключить
admin-accounts-enable = Включить
requests-own-title = Ваши заявки
requests-own-none = Вы не подавали заявок.
requests-decide-title = Заявки на решение
request-status-pending = Ожидает решения
request-status-approved = Одобрена
request-status-declined = Отклонена
