# Мероприятия: вопросы регистрационной формы, выгрузка ответов и документы сессий.
question-kind-text = Свободный ответ
question-kind-choice = Один из списка
question-kind-yes-no = Да или нет
events-questions = Вопросы при регистрации
events-questions-of = Вопросы при регистрации: { $event }
events-questions-note = Эти вопросы идут в регистрационной форме после имени, адреса электронной почты и организации; ответы есть в выгрузках регистраций в CSV и XLSX.
events-questions-none = В регистрационной форме нет дополнительных вопросов.
events-question-add = Добавить вопрос
events-question-delete = Удалить
events-question-kind = Вид ответа
events-question-label-en = Вопрос (английский)
events-question-label-ru = Вопрос (русский)
events-question-label-az = Вопрос (азербайджанский)
events-question-options = Варианты ответа для выбора из списка, по одному в строке
events-question-required = Ответ обязателен
events-question-label-required = Напишите вопрос.
events-question-options-invalid = { $count ->
    [one] Укажите от 2 до { $count } разных вариантов, по одному в строке, до 200 знаков каждый.
    [few] Укажите от 2 до { $count } разных вариантов, по одному в строке, до 200 знаков каждый.
   *[other] Укажите от 2 до { $count } разных вариантов, по одному в строке, до 200 знаков каждый.
}
events-answer-required-mark = обязательно
events-answer-required = Ответьте на этот вопрос.
events-answer-invalid = Выберите один из предложенных ответов или напишите не более 1000 знаков.
events-answer-none = (без ответа)
events-answer-yes = Да
events-answer-no = Нет
events-export-xlsx = Выгрузить в XLSX
history-action-event-question-add = Добавлен вопрос при регистрации
history-action-event-question-remove = Удален вопрос при регистрации
events-document-file = Документ или слайды (PDF, PowerPoint, Word, OpenDocument, PNG или JPEG; до 10 МБ)
events-document-upload = Загрузить
events-document-delete = Удалить документ
events-document-missing = Выберите файл для загрузки.
events-document-type = Такие файлы не принимаются: загрузите файл PDF, PowerPoint, Word, OpenDocument, PNG или JPEG.
history-action-event-document-add = Добавлен документ сессии
history-action-event-document-remove = Удален документ сессии
