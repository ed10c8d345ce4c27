"""Messages of the write services in Russian and English: what is wrong and how to fix it."""

WRITE_MESSAGES: dict[str, tuple[str, str]] = {
    "write.required": ("Поле обязательно.", "The field is required."),
    "write.cannot_clear": (
        "Поле обязательно, его нельзя очистить. Передайте значение или не передавайте поле.",
        "The field is required and cannot be cleared. Pass a value or omit the field.",
    ),
    "write.immutable": (
        "Поле задаётся при создании и потом не меняется. Удалите запись и создайте новую.",
        "The field is set on create and cannot change. Delete the record and create a new one.",
    ),
    "write.not_text": ("Ожидается строка.", "A string is expected."),
    "write.not_integer": ("Ожидается целое число.", "An integer is expected."),
    "write.not_number": ("Ожидается конечное число.", "A finite number is expected."),
    "write.not_boolean": ("Ожидается true или false.", "true or false is expected."),
    "write.not_list": ("Ожидается список.", "A list is expected."),
    "write.not_date": ("Ожидается дата.", "A date is expected."),
    "write.not_moment": ("Ожидаются дата и время со смещением.", "A date and time with an offset is expected."),
    "write.not_id": ("Ожидается глобальный ID.", "A global ID is expected."),
    "write.empty": (
        "Поле не может быть пустым или состоять только из невидимых символов.",
        "The field must not be empty or consist of invisible characters only.",
    ),
    "write.invalid_unicode": (
        "Текст содержит недопустимые символы Unicode (одиночные суррогаты).",
        "The text contains invalid Unicode characters (lone surrogates).",
    ),
    "write.check_failed": (
        "Значения полей несовместимы между собой. Проверьте даты, диапазоны и связанные поля.",
        "The field values are inconsistent with each other. Check dates, ranges and related fields.",
    ),
    "write.school_year_out_of_range": (
        "Учебный год {value} вне допустимого диапазона 2000–2100: начало должно быть не раньше 1 сентября 2000 года.",
        "School year {value} is outside the allowed range 2000-2100: the start must be on or after 1 September 2000.",
    ),
    "write.organization_needs_key": (
        "Укажите внешний ID или ИНН организации: по ним её находят импорт и интеграции.",
        "Give the organisation's external ID or ИНН: imports and integrations find it by them.",
    ),
    "write.regional_field": (
        "Это поле изменяет только региональный администратор.",
        "Only the regional admin may change this field.",
    ),
    "write.control_character": (
        "Текст содержит управляющие символы или переводы строк, которые здесь недопустимы.",
        "The text contains control characters or line breaks, which are not allowed here.",
    ),
    "write.too_long": (
        "Текст длиннее {maximum} символов (передано {length}).",
        "The text is longer than {maximum} characters ({length} given).",
    ),
    "write.code_spaces": (
        "Идентификатор «{value}» содержит пробелы или непечатаемые символы.",
        "Identifier \"{value}\" contains spaces or non-printable characters.",
    ),
    "write.inn_invalid": (
        "ИНН «{value}» неверен: нужно 10 цифр (12 — у индивидуальных предпринимателей) с верными "
        "контрольными цифрами.",
        "ИНН (taxpayer number) \"{value}\" is invalid: 10 digits (12 for individual entrepreneurs) with "
        "correct check digits are expected.",
    ),
    "write.out_of_range": (
        "Значение {value} вне допустимого диапазона {minimum}–{maximum}.",
        "Value {value} is outside the allowed range {minimum}-{maximum}.",
    ),
    "write.unknown_choice": (
        "Значение «{value}» недопустимо. Допустимые значения: {allowed}.",
        "Value \"{value}\" is invalid. Allowed values: {allowed}.",
    ),
    "write.date_out_of_range": (
        "Дата {value} вне допустимого диапазона {minimum} — {maximum}.",
        "Date {value} is outside the allowed range {minimum} to {maximum}.",
    ),
    "write.moment_out_of_range": (
        "Момент {value} вне допустимого диапазона: с 2000 по 2100 год.",
        "Moment {value} is outside the allowed range: years 2000 to 2100.",
    ),
    "write.not_link": (
        "«{value}» не ссылка http или https.",
        "\"{value}\" is not an http or https link.",
    ),
    "write.malformed_id": (
        "«{value}» не является глобальным ID этого API.",
        "\"{value}\" is not a global ID of this API.",
    ),
    "write.wrong_id_type": (
        "Идентификатор «{value}» относится к объекту типа {actual}, а ожидается {expected}.",
        "ID \"{value}\" belongs to a {actual}, but a {expected} is expected.",
    ),
    "write.too_many_items": (
        "Список длиннее {maximum} элементов (передано {value}).",
        "The list is longer than {maximum} items ({value} given).",
    ),
    "write.reference_not_found": (
        "Объект типа {value} с таким ID не найден.",
        "No {value} with this ID exists.",
    ),
    "write.not_found": (
        "Объект типа {value} с таким ID не найден: он удалён или ID неверен.",
        "No {value} with this ID exists: it was deleted or the ID is wrong.",
    ),
    "write.taken": (
        "Значение «{value}» уже занято другой записью.",
        "Value \"{value}\" is already used by another record.",
    ),
    "write.duplicate": (
        "Такая запись уже есть. Измените существующую запись.",
        "Such a record already exists. Change the existing record.",
    ),
    "write.conflict": (
        "Изменение противоречит данным, которые только что сохранил другой запрос. Повторите запрос.",
        "The change conflicts with data another request has just saved. Repeat the request.",
    ),
    "write.forbidden": (
        "Роли {role} не разрешено это изменение: можно изменять только данные своей организации или "
        "своего муниципалитета.",
        "Role {role} may not make this change: only data of its own organisations or municipalities "
        "can be changed.",
    ),
    "write.age_range": (
        "Возраст «до» ({age_to}) меньше возраста «от» ({age_from}).",
        "Age to ({age_to}) is less than age from ({age_from}).",
    ),
    "write.adapted_for_without_flag": (
        "Категории ОВЗ указаны, а программа не отмечена как адаптированная (isAdapted).",
        "Disability categories are given, but the programme is not marked as adapted (isAdapted).",
    ),
    "write.partner_is_owner": (
        "Организация не может быть партнёром самой себя.",
        "An organisation cannot be its own partner.",
    ),
    "write.birth_date_in_future": (
        "Дата рождения {value} ещё не наступила.",
        "Birth date {value} is in the future.",
    ),
    "write.birth_year_mismatch": (
        "Год рождения {birth_year} не совпадает с датой рождения {value}.",
        "Birth year {birth_year} does not match birth date {value}.",
    ),
    "write.categories_without_status": (
        "Категории ОВЗ указаны без статуса ОВЗ (hasDisabilityStatus).",
        "Disability categories are given without a disability status (hasDisabilityStatus).",
    ),
    "write.ends_before_start": (
        "Окончание раньше начала.",
        "The end is before the start.",
    ),
    "write.stage_without_olympiad": (
        "Этап указывается только для олимпиад.",
        "A stage is given only for olympiads.",
    ),
    "write.mentor_is_participant": (
        "Участник не может быть собственным наставником.",
        "A participant cannot be their own mentor.",
    ),
    "write.roadmap_number": (
        "Номер пункта «{value}» должен состоять из чисел через точку, например 1.2.",
        "Item number \"{value}\" must be numbers separated by dots, e.g. 1.2.",
    ),
    "write.organization_has_programs": (
        "У организации {count} программ(ы). Сначала удалите их или передайте другой организации.",
        "The organisation has {count} programmes. Delete them or move them to another organisation first.",
    ),
    "write.organization_has_sites": (
        "У организации {count} инновационных площадок. Сначала удалите их.",
        "The organisation has {count} innovation sites. Delete them first.",
    ),
    "write.organization_has_participants": (
        "В организации {count} участников. Сначала переведите их в другую организацию.",
        "The organisation has {count} participants. Move them to another organisation first.",
    ),
    "write.organization_has_events": (
        "Организация — организатор {count} мероприятий. Сначала смените у них организатора.",
        "The organisation organises {count} events. Change their organiser first.",
    ),
    "write.organization_has_publications": (
        "Организация — автор {count} публикаций. Сначала удалите их или укажите другого автора.",
        "The organisation is the author of {count} publications. Delete them or set another author first.",
    ),
    "write.organization_coordinates_communities": (
        "Организация координирует {count} профессиональных сообществ. Сначала назначьте им другого координатора.",
        "The organisation coordinates {count} professional communities. Give them another coordinator first.",
    ),
    "write.organization_has_practices": (
        "У организации {count} эффективных практик. Сначала удалите их или передайте другой организации.",
        "The organisation has {count} effective practices. Delete them or move them to another organisation first.",
    ),
    "write.organization_has_participations": (
        "С организацией связаны {count} результатов участия; история участия не удаляется.",
        "{count} participation results refer to the organisation; participation history is not deleted.",
    ),
    "write.program_has_enrollments": (
        "На программу есть {count} зачислений. Переведите программу в архив (archiveProgram) вместо удаления.",
        "The programme has {count} enrolments. Archive it (archiveProgram) instead of deleting it.",
    ),
    "write.event_has_participations": (
        "У мероприятия {count} результатов участия. Сначала удалите их.",
        "The event has {count} participation results. Delete them first.",
    ),
    "write.site_has_products": (
        "У площадки {count} инновационных продуктов. Сначала удалите их.",
        "The site has {count} innovation products. Delete them first.",
    ),
    "write.site_has_events": (
        "Площадка проводит {count} мероприятий. Сначала уберите у них площадку.",
        "The site runs {count} events. Remove the site from them first.",
    ),
    "write.indicator_not_found": (
        "Показатель с таким ID не найден.",
        "No indicator with this ID exists.",
    ),
    "write.target_not_found": (
        "Для показателя нет цели на {value} учебный год.",
        "The indicator has no target for school year {value}.",
    ),
    "write.population_not_found": (
        "Для муниципального образования нет численности детей на {value} учебный год.",
        "The municipality has no child population for school year {value}.",
    ),
    "write.too_many_records": (
        "За один запрос принимается не больше {maximum} записей, передано {value}. Разбейте их на части.",
        "At most {maximum} records are accepted per request, got {value}. Split them into parts.",
    ),
    "write.event_unknown": (
        "Мероприятие с внешним ID «{value}» не найдено. Сначала загрузите мероприятие.",
        "No event has external ID \"{value}\". Load the event first.",
    ),
    "write.participant_unknown": (
        "Участник с внешним ID «{value}» не найден. Сначала загрузите участника.",
        "No participant has external ID \"{value}\". Load the participant first.",
    ),
    "write.mentor_unknown": (
        "Наставник с внешним ID «{value}» не найден.",
        "No mentor has external ID \"{value}\".",
    ),
    "write.repeated_item": (
        "Пара мероприятие «{event}» и участник «{participant}» уже встречалась в записи {first} с другим "
        "результатом.",
        "Event \"{event}\" and participant \"{participant}\" already appeared in record {first} with a "
        "different result.",
    ),
    "import.organization_unknown": (
        "Организация с ИНН или внешним ID «{value}» не найдена. Сначала загрузите организации.",
        "No organisation has ИНН or external ID \"{value}\". Import the organisations first.",
    ),
    "import.organization_ambiguous": (
        "«{value}» — ИНН одной организации и внешний ID другой. Укажите ИНН.",
        "\"{value}\" is the ИНН of one organisation and the external ID of another. Give the ИНН.",
    ),
    "write.link_incomplete": (
        "У каждой ссылки должны быть название (title) и адрес http или https (url).",
        "Each link needs a title and an http or https address (url).",
    ),
    "publication.no_audience": (
        "Укажите хотя бы одну категорию участников, для которых публикация. Если она для всех, "
        "не передавайте поле: по умолчанию выбираются все категории.",
        "Give at least one participant category the publication is for. If it is for everyone, omit "
        "the field: all categories are the default.",
    ),
    "publication.moderated": (
        "Публиковать, архивировать, менять и удалять опубликованные и архивные публикации может "
        "муниципальный координатор их муниципального образования или региональный администратор; "
        "публикации для всей области — только региональный администратор. Сохраните черновик "
        "(status: DRAFT) и передайте его модератору.",
        "Only the municipal coordinator of the publication's municipality or the regional admin may "
        "publish, archive, change or delete a published or archived publication, and only the regional "
        "admin may do so for a region-wide one. Save a draft (status: DRAFT) and pass it to a moderator.",
    ),
    "community.member_not_staff": (
        "Участник {value} не педагог и не руководитель: в профессиональном сообществе состоят только "
        "педагоги и руководители.",
        "Participant {value} is neither a teacher nor a manager: only teachers and managers are members "
        "of a professional community.",
    ),
    "practice.author_not_staff": (
        "Участник {value} не педагог и не руководитель: авторами практики указывают педагогов и "
        "руководителей.",
        "Participant {value} is neither a teacher nor a manager: practice authors are teachers and managers.",
    ),
    "practice.comment_required": (
        "Отклоняя практику, напишите комментарий эксперта (reviewComment): что исправить.",
        "Give a reviewer's comment (reviewComment) when rejecting a practice: what to fix.",
    ),
    "practice.product_of_other_site": (
        "Инновационный продукт выпущен другой площадкой, не той, что указана в innovationSiteId.",
        "The innovation product belongs to another site than the one given in innovationSiteId.",
    ),
    "practice.reviewed": (
        "Практика уже рассмотрена или опубликована: менять и удалять её может муниципальный координатор "
        "или региональный администратор.",
        "The practice has been reviewed or published: only a municipal coordinator or the regional admin "
        "may change or delete it.",
    ),
    "practice.outcome_by_moderator": (
        "Статусы REVIEWED, PUBLISHED и REJECTED ставит муниципальный координатор или региональный "
        "администратор. Организация подаёт практику со статусом SUBMITTED.",
        "Only a municipal coordinator or the regional admin sets the statuses REVIEWED, PUBLISHED and "
        "REJECTED. An organisation submits a practice with status SUBMITTED.",
    ),
    "practice.comment_by_moderator": (
        "Комментарий эксперта пишет муниципальный координатор или региональный администратор.",
        "Only a municipal coordinator or the regional admin writes the reviewer's comment.",
    ),
}
