# Tədbirlər: konfrans üçün təkliflərin qəbulu, sessiya təklifləri və tədbirin tarixçəsi.
events-call = Təkliflərin qəbulu
events-call-of = Təkliflərin qəbulu: { $event }
events-call-opens-on = Başlanır
events-call-closes-on = Bitir
events-call-themes = Mövzular
events-call-is-open = Təkliflər qəbul olunur: aşağıda sessiya təklif edin.
events-call-is-closed = Hazırda təkliflər qəbul olunmur.
events-call-none = Bu tədbir üçün təkliflərin qəbulu elan olunmayıb.
events-call-edit = Təkliflərin qəbulunu açın və ya dəyişin
events-call-opens-on-field = Başlanma günü (İİİİ-AA-GG)
events-call-closes-on-field = Bitmə günü (İİİİ-AA-GG)
events-call-themes-field = Təkliflərin mövzuları (heç biri seçilməsə — istənilən mövzu)
events-call-guidance-en = Müəlliflər üçün göstəriş (ingiliscə, Markdown)
events-call-guidance-ru = Müəlliflər üçün göstəriş (rusca, Markdown)
events-call-guidance-az = Müəlliflər üçün göstəriş (azərbaycanca, Markdown)
events-call-closes-before-opening = Qəbul başlandığı gündən tez bitə bilməz.
events-proposals-review = Təklifləri nəzərdən keçirin
events-proposals-of = Sessiya təklifləri: { $event }
events-proposals-none = Hələ təklif yoxdur.
events-proposals-mine = Sizin təklifləriniz
events-proposal-new = Sessiya təklif edin
events-proposal-title = Sessiyanın adı
events-proposal-summary = Annotasiya
events-proposal-speakers = Məruzəçilər
events-proposal-guests = Digər məruzəçilər, hər sətirdə bir ad
events-proposal-submit = Təklifi göndərin
events-proposal-sign-in = Sessiya təklif etmək üçün daxil olun
events-proposal-title-required = Sessiyanın adını yazın.
events-proposal-summary-required = Annotasiya yazın.
events-proposal-theme-required = Qəbul üçün elan olunan mövzulardan birini seçin.
events-proposal-guests-invalid = { $count ->
    [one] Ən çoxu { $count } ad yazın, hər sətirdə biri, hər biri 200 simvoladək.
   *[other] Ən çoxu { $count } ad yazın, hər sətirdə biri, hər biri 200 simvoladək.
}
events-proposal-reason = İmtina səbəbi
events-proposal-reason-required = Təklif müəllifinə göndəriləcək səbəbi yazın.
events-proposal-accept = Proqrama daxil edin
events-proposal-decline = İmtina edin
proposal-status-submitted = baxılmasını gözləyir
proposal-status-accepted = proqrama daxil edilib
proposal-status-declined = imtina edilib
events-history = Dəyişikliklərin tarixçəsi
events-mail-proposal-accepted-subject = Təklifiniz qəbul edildi: { $title }
events-mail-proposal-accepted-body = “{ $event }” tədbiri üçün “{ $title }” sessiya təklifiniz qəbul edildi və proqrama daxil olundu:
    { $page }
events-mail-proposal-declined-subject = Təklifiniz qəbul edilmədi: { $title }
events-mail-proposal-declined-body = “{ $event }” tədbiri üçün “{ $title }” sessiya təklifiniz bu səbəbdən qəbul edilmədi:
    { $reason }
history-action-event-update = Tədbir dəyişdirildi
history-action-event-call = Təkliflərin qəbulu açıldı və ya dəyişdirildi
history-action-event-proposal-submit = Sessiya təklif edildi
history-action-event-proposal-accept = Təklif proqrama daxil edildi
history-action-event-proposal-decline = Təklifdən imtina edildi
events-persons-met = Görüşülən şəxslər
events-persons-met-of = Görüşülən şəxslər: { $event }
events-persons-met-none = Hələ heç kim qeyd olunmayıb.
events-person-met-function = Vəzifə
events-person-met-add = Əlavə edin
events-person-met-delete = Silin
events-person-met-name-required = Şəxsin adını yazın.
history-action-event-person-met-add = Görüşülən şəxs qeyd edildi
history-action-event-person-met-remove = Görüşülən şəxs silindi
