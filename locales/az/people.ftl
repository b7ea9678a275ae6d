signin-disabled = Administrator bu hesabı söndürüb. Yenidən açılması üçün portalın administratorlarına yazın.
