"""StreamField blocks of item bodies: text, images, tables, attachments."""

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = [
    "h2", "h3", "h4", "bold", "italic", "ol", "ul", "hr", "link",
    "document-link", "image", "superscript", "subscript",
]

TABLE_OPTIONS = {
    "minSpareRows": 0,
    "startRows": 4,
    "startCols": 4,
    "colHeaders": False,
    "rowHeaders": False,
    "contextMenu": ["row_above", "row_below", "---------", "col_left", "col_right",
                    "---------", "remove_row", "remove_col", "---------", "undo", "redo"],
    "editor": "text",
    "stretchH": "all",
    "renderer": "text",
    "autoColumnSize": False,
    "language": "zh-CN",
}


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="图片")
    caption = blocks.CharBlock(label="图片说明", required=False)

    class Meta:
        icon = "image"
        label = "图片"
        template = "columns/blocks/image.html"


class TableWithCaptionBlock(blocks.StructBlock):
    caption = blocks.CharBlock(label="表格标题", required=False)
    table = TableBlock(label="表格", table_options=TABLE_OPTIONS)

    class Meta:
        icon = "table"
        label = "表格"
        template = "columns/blocks/table.html"


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label="正文", features=RICH_TEXT_FEATURES)
    image = ImageBlock()
    table = TableWithCaptionBlock()

    class Meta:
        label = "正文"


class AttachmentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="附件文件")
    title = blocks.CharBlock(label="附件名称", required=False,
                             help_text="留空则使用文件标题")

    class Meta:
        icon = "doc-full"
        label = "附件"
        template = "columns/blocks/attachment.html"


class InterviewBlock(blocks.StreamBlock):
    """An online interview transcript: questions and answers in order."""

    question = blocks.StructBlock(
        [("speaker", blocks.CharBlock(label="提问人", default="主持人")),
         ("text", blocks.TextBlock(label="问题"))],
        label="提问", icon="help",
    )
    answer = blocks.StructBlock(
        [("speaker", blocks.CharBlock(label="答复人")),
         ("text", blocks.RichTextBlock(label="答复", features=RICH_TEXT_FEATURES))],
        label="答复", icon="openquote",
    )
