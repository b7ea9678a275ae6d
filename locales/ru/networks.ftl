network-launch-title = Создать сеть
network-launch-under = Создать сеть в составе этой
network-launch-intro = Новая сеть занимает место в дереве под родительской: региональные сети — под глобальной, национальные — под региональной или глобальной. Организация-координатор становится ее первым участником; первые координационные центры можно указать здесь, остальные добавляются на странице сети после ее создания.
network-launch-top = (вершина дерева: глобальная сеть)
network-launch-place = Место в дереве
network-launch-parent = Родительская сеть
network-launch-level = Уровень
network-launch-state = Состояние
network-launch-level-misfit = Этот уровень не подходит для выбранной родительской сети: региональные и национальные сети входят в глобальную, национальные — в региональную.
network-launch-slug = Веб-адрес (необязательно)
network-launch-slug-hint = Строчные латинские буквы, цифры и дефисы, например «un-ngo-irene-turkey». Если оставить пустым, адрес будет составлен из английского названия.
network-launch-slug-taken = Этот адрес уже занят другой сетью: выберите другой.
network-launch-slug-invalid = Используйте только строчные латинские буквы, цифры и дефисы.
network-launch-coordinator = Организация-координатор (ее веб-адрес в каталоге)
network-launch-coordinator-hint = Последняя часть адреса организации, например «nayora» для /organizations/nayora.
network-launch-coordinator-required = Укажите организацию, которая будет координировать сеть.
network-launch-coordinator-unknown = В каталоге нет организации с таким адресом.
network-launch-candidates = Участники родительской сети:
network-launch-focal-points = Первые координационные центры
network-launch-focal-points-hint = Каждая строка задает координационный центр: его тему и ведущую организацию (ее веб-адрес в каталоге), которая становится участником сети. Пустые строки пропускаются.
network-launch-focal-point-row = Координационный центр { $number }
network-launch-focal-point-theme = Тема
network-launch-focal-point-lead = Ведущая организация (ее веб-адрес в каталоге)
network-launch-focal-point-none = (нет)
network-launch-lead-required = Укажите организацию, которая ведет этот координационный центр.
network-launch-focal-points-too-many = При создании — не более 20 координационных центров; остальные добавьте на странице сети.
network-launch-button = Создать сеть
network-state-active = Действует
network-state-planned = Планируется
network-state-retired = Закрыта
network-state-planned-notice = Эта сеть планируется и еще не создана.
network-state-retired-notice = Эта сеть закрыта: она сохранена вместе с историей, но больше не показывается в дереве сетей.
network-retire-button = Закрыть эту сеть
network-reinstate-button = Восстановить эту сеть
network-countries-covered = Охватываемые страны
network-countries-choose = Выбрать страны
focal-point-add-title = Добавить координационный центр
focal-point-up = Выше
focal-point-down = Ниже
focal-point-retire = Закрыть
departure-remove-link = Исключить
departure-leave-link = Выйти из этой сети
departure-remove-title = Исключение организации «{ $organization }» из сети «{ $network }»
departure-leave-title = Выход организации «{ $organization }» из сети «{ $network }»
departure-remove-intro = Организация перестает быть участником и выходит из координационных центров сети. Ее редакторы получат письмо с указанной вами причиной. Позже организация сможет снова подать заявку.
departure-leave-intro = Ваша организация перестает быть участником сети и выходит из ее координационных центров. Координаторы сети получат письмо. Позже можно снова подать заявку.
departure-remove-reason = Причина (будет отправлена организации)
departure-leave-reason = Сообщение координаторам (необязательно)
departure-remove-button = Исключить участника
departure-leave-button = Выйти из сети
departure-cancel = Сохранить участие и вернуться
departure-reason-required = Укажите причину: ее сообщат организации.
departure-reason-too-long = Не более 2000 знаков.
departure-coordinator = Организация-координатор не может выйти из своей сети: сначала передайте координацию другому участнику.
mail-departure-remove-subject = Организация «{ $organization }» больше не участник сети «{ $network }»
mail-departure-remove-body = Здравствуйте!

    Координаторы сети «{ $network }» исключили из нее организацию «{ $organization }» по следующей причине:

    { $reason }

    Профиль вашей организации остается в каталоге, и она может снова подать заявку.
mail-departure-leave-subject = Организация «{ $organization }» вышла из сети «{ $network }»
mail-departure-leave-body = Здравствуйте!

    Организация «{ $organization }» вышла из сети «{ $network }». Ее сообщение:

    { $reason }
goals-mdg-one = ЦРТ { $number }
goals-mdg-many = ЦРТ { $numbers }
goals-and = и
goals-millennium-declaration = Декларация тысячелетия
status-unknown = Консультативный статус неизвестен
