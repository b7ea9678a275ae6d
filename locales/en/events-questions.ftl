# Events: the questions organisers add to the registration form, the exports of the answers, and sessions' documents.
question-kind-text = Free text
question-kind-choice = One of a list
question-kind-yes-no = Yes or no
events-questions = Registration questions
events-questions-of = Registration questions: { $event }
events-questions-note = These questions follow name, e-mail address and organisation on the registration form; the answers are in the CSV and XLSX exports of the registrations.
events-questions-none = The registration form asks no questions of its own.
events-question-add = Add the question
events-question-delete = Remove
events-question-kind = Kind of answer
events-question-label-en = Question (English)
events-question-label-ru = Question (Russian)
events-question-label-az = Question (Azerbaijani)
events-question-options = Options of a one-of question, one a line
events-question-required = An answer is required
events-question-label-required = Write the question.
events-question-options-invalid = { $count ->
    [one] Give from 2 to { $count } different options, one a line, each up to 200 characters.
   *[other] Give from 2 to { $count } different options, one a line, each up to 200 characters.
}
events-answer-required-mark = required
events-answer-required = Answer this question.
events-answer-invalid = Choose one of the answers offered, or write at most 1000 characters.
events-answer-none = (no answer)
events-answer-yes = Yes
events-answer-no = No
events-export-xlsx = Export as XLSX
history-action-event-question-add = Registration question added
history-action-event-question-remove = Registration question removed
events-document-file = Document or slides (PDF, PowerPoint, Word, OpenDocument, PNG or JPEG; up to 10 MB)
events-document-upload = Upload
events-document-delete = Remove the document
events-document-missing = Choose a file to upload.
events-document-type = This kind of file is not accepted: give a PDF, PowerPoint, Word, OpenDocument, PNG or JPEG file.
history-action-event-document-add = Session document added
history-action-event-document-remove = Session document removed
