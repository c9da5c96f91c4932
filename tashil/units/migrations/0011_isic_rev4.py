# ISIC Rev.4 as reference data: the table, loaded from units/data/isic4.csv (as load_reference does), and the
# unit's and the product's class; units whose typed code begins with a class's four digits are linked to it.

import django.db.models.deletion
from django.db import migrations, models


def load_and_link(apps, schema_editor):
    from tashil.units.isic import link_units_to_classes, load_isic

    IsicCode = apps.get_model("units", "IsicCode")
    load_isic(IsicCode)
    classes = IsicCode.objects.filter(level="class").values_list("code", flat=True)
    link_units_to_classes(apps.get_model("units", "IndustrialUnit"), list(classes))


class Migration(migrations.Migration):

    dependencies = [
        ('units', '0010_datacheckrequest'),
    ]

    operations = [
        migrations.CreateModel(
            name='IsicCode',
            fields=[
                ('created', models.DateTimeField(auto_now_add=True, verbose_name='زمان ایجاد')),
                ('updated', models.DateTimeField(auto_now=True, verbose_name='آخرین تغییر')),
                ('code', models.CharField(max_length=4, primary_key=True, serialize=False, verbose_name='کد آیسیک')),
                ('level', models.CharField(choices=[('section', 'بخش'), ('division', 'قسمت'), ('group', 'گروه'), ('class', 'رده')], db_index=True, max_length=10, verbose_name='سطح')),
                ('title_fa', models.CharField(max_length=300, verbose_name='عنوان')),
                ('title_en', models.CharField(max_length=300, verbose_name='عنوان انگلیسی')),
                ('search_text', models.TextField(blank=True, editable=False)),
                ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='children', to='units.isiccode', verbose_name='سطح بالاتر')),
            ],
            options={
                'verbose_name': 'کد آیسیک',
                'verbose_name_plural': 'طبقه\u200cبندی آیسیک',
                'ordering': ('code',),
            },
        ),
        migrations.AlterField(
            model_name='industrialunit',
            name='isic_code',
            field=models.CharField(blank=True, db_index=True, editable=False, help_text='کد فعالیت بر پایه ISIC ویرایش ۴ (مثلاً ۱۰۷۱ برای نان و شیرینی).', max_length=10, verbose_name='کد آیسیک'),
        ),
        migrations.AddField(
            model_name='industrialunit',
            name='isic_class',
            field=models.ForeignKey(blank=True, help_text='رده چهاررقمی فعالیت در ISIC ویرایش ۴؛ با کد یا بخشی از عنوان آن جست\u200cوجو کنید.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='units', to='units.isiccode', verbose_name='رده آیسیک'),
        ),
        migrations.AddField(
            model_name='product',
            name='isic_class',
            field=models.ForeignKey(blank=True, help_text='رده چهاررقمی فعالیتی که این محصول را می\u200cسازد؛ تطبیق واحدهای مکمل با آن انجام می\u200cشود.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='products', to='units.isiccode', verbose_name='رده آیسیک'),
        ),
        migrations.RunPython(load_and_link, migrations.RunPython.noop),
    ]
