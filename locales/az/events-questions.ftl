# Tədbirlər: qeydiyyat formasının sualları, cavabların ixracı və sessiyaların sənədləri.
question-kind-text = Sərbəst cavab
question-kind-choice = Siyahıdan biri
question-kind-yes-no = Bəli və ya xeyr
events-questions = Qeydiyyat sualları
events-questions-of = Qeydiyyat sualları: { $event }
events-questions-note = Bu suallar qeydiyyat formasında addan, e-poçt ünvanından və təşkilatdan sonra gəlir; cavablar qeydiyyatların CSV və XLSX ixracındadır.
events-questions-none = Qeydiyyat formasında əlavə sual yoxdur.
events-question-add = Sualı əlavə edin
events-question-delete = Silin
events-question-kind = Cavabın növü
events-question-label-en = Sual (ingiliscə)
events-question-label-ru = Sual (rusca)
events-question-label-az = Sual (azərbaycanca)
events-question-options = Siyahıdan seçim üçün variantlar, hər sətirdə biri
events-question-required = Cavab məcburidir
events-question-label-required = Sualı yazın.
events-question-options-invalid = { $count ->
    [one] 2-dən { $count }-ədək müxtəlif variant yazın, hər sətirdə biri, hər biri 200 simvoladək.
   *[other] 2-dən { $count }-ədək müxtəlif variant yazın, hər sətirdə biri, hər biri 200 simvoladək.
}
events-answer-required-mark = məcburi
events-answer-required = Bu suala cavab verin.
events-answer-invalid = Təklif olunan cavablardan birini seçin və ya ən çoxu 1000 simvol yazın.
events-answer-none = (cavabsız)
events-answer-yes = Bəli
events-answer-no = Xeyr
events-export-xlsx = XLSX kimi ixrac edin
history-action-event-question-add = Qeydiyyat sualı əlavə edildi
history-action-event-question-remove = Qeydiyyat sualı silindi
events-document-file = Sənəd və ya slaydlar (PDF, PowerPoint, Word, OpenDocument, PNG və ya JPEG; 10 MB-dək)
events-document-upload = Yükləyin
events-document-delete = Sənədi silin
events-document-missing = Yükləmək üçün fayl seçin.
events-document-type = Bu növ fayl qəbul olunmur: PDF, PowerPoint, Word, OpenDocument, PNG və ya JPEG faylı yükləyin.
history-action-event-document-add = Sessiya sənədi əlavə edildi
history-action-event-document-remove = Sessiya sənədi silindi
