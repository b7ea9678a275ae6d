nav-library = Библиотека
library-title = Библиотека знаний
library-title-query = Материалы библиотеки по запросу «{ $query }»
library-search-label = Поиск по библиотеке на любом алфавите: заголовки, тексты, метки
library-count = { $count ->
    [one] { $count } материал
    [few] { $count } материала
   *[other] { $count } материалов
}
library-no-results = Ничего не найдено. Проверьте написание, сократите запрос или уберите фильтр.
library-kind-best-practice = Лучшая практика
library-kind-report = Отчёт
library-kind-training = Учебный материал
library-kind-document = Документ
library-facet-type = Тип
library-facet-theme = Тема
library-facet-country = Страна
library-facet-language = Язык
library-section-title = Заголовок
library-section-body = Текст (Markdown)
library-section-problem = Проблема (для лучших практик)
library-section-approach = Подход (для лучших практик)
library-section-results = Результаты (для лучших практик)
library-section-contacts = Контакты
library-new-title = Опубликовать в библиотеке
library-edit-title = Изменить материал библиотеки
library-edit-link = Изменить, приложить файлы
library-organization = Публикует
library-no-organization = Публиковать можно от имени организаций, редактором которых вы являетесь; пока таких нет.
library-no-theme = Без определённой темы
library-country = Страна (двухбуквенный код, например AZ)
library-country-invalid = Укажите страну двухбуквенным кодом, например AZ или KZ.
library-goals = Цели
library-goals-field = Цели устойчивого развития (номера, например 4, 5)
library-goals-invalid = Укажите номера целей от 1 до { $count } через запятую.
library-tags = Метки
library-tags-field = Метки (через запятую)
library-tags-invalid = Не больше { $count } меток, каждая не длиннее { $max } знаков.
library-versions-hint = Напишите материал на одном или нескольких языках; читатели языка без своей версии увидят другую с пометкой об этом.
library-title-required = У версии должен быть заголовок.
library-version-required = Напишите хотя бы одну версию с заголовком.
library-fallback = У этого материала нет версии на языке «{ $wanted }»; показана версия на языке «{ $shown }».
library-other-versions = Также на
library-files = Файлы
library-attach = Приложить файл
library-remove-heading = Удалить материал
library-remove = Удалить этот материал и его файлы
profile-library = В библиотеке
