"""The form asking for a batch."""

from flask_wtf.file import FileAllowed, FileField, FileSize
from wtforms import BooleanField, SubmitField

from service.web.forms import RussianForm, Select, options

#: Where the rows come from.
SOURCES = (("registry", "из реестра: каждая запись учебного года, по которой документ составляется"),
           ("file", "из файла: лист Excel, CSV или JSON со строками по образцу"))
#: The print file: none, PDF or DOCX.
PRINTS = (("", "не нужен"), ("pdf", "PDF — все документы подряд"), ("docx", "DOCX — все документы подряд"))


class BatchForm(RussianForm):
    template_id = Select("Документ")
    source = Select("Строки", choices=options(SOURCES), default="registry")
    year = Select("Учебный год (для строк из реестра)", coerce=int)
    file = FileField("Файл со строками (.xlsx, .csv или .json)", validators=[
        FileAllowed(["xlsx", "xlsm", "csv", "json"], "Загрузите лист Excel (.xlsx), CSV или JSON."),
        FileSize(16 * 1024 * 1024, message="Файл больше 16 МБ: разделите строки на несколько файлов.")])
    pdf = BooleanField("Положить в ZIP и PDF каждого документа")
    print_format = Select("Один файл для печати", choices=options(PRINTS), default="pdf")
    submit = SubmitField("Поставить в очередь")
