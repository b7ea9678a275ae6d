discussion-mail-reply = Reply to this mail to answer in the thread; your reply is posted under your name, without the quoted text.
