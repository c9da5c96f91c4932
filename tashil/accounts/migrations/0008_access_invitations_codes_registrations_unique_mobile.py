import django.db.models.deletion
import tashil.core.validators
from django.conf import settings
from django.db import migrations, models

from tashil.accounts.mobiles import unique_mobiles


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0007_user_national_code'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('clinic', '0003_fold_stored_digits'),
        ('geo', '0002_county_name_en'),
        ('orgs', '0002_fold_stored_digits'),
        ('units', '0007_fold_stored_digits'),
    ]

    operations = [
        migrations.AddField(
            model_name='membership',
            name='manages_agency',
            field=models.BooleanField(default=False, help_text='کارشناس دستگاهی که می\u200cتواند کارشناسان همان دستگاه را به سامانه دعوت کند.', verbose_name='مدیر کارشناسان دستگاه'),
        ),
        migrations.CreateModel(
            name='Invitation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created', models.DateTimeField(auto_now_add=True, verbose_name='زمان ایجاد')),
                ('updated', models.DateTimeField(auto_now=True, verbose_name='آخرین تغییر')),
                ('first_name', models.CharField(blank=True, max_length=150, verbose_name='نام')),
                ('last_name', models.CharField(blank=True, max_length=150, verbose_name='نام خانوادگی')),
                ('email', models.EmailField(blank=True, max_length=254, verbose_name='پست الکترونیکی')),
                ('mobile', models.CharField(blank=True, max_length=11, verbose_name='تلفن همراه')),
                ('national_code', models.CharField(blank=True, max_length=10, validators=[tashil.core.validators.validate_person_code], verbose_name='کد ملی')),
                ('position', models.CharField(blank=True, max_length=150, verbose_name='سمت')),
                ('role', models.CharField(choices=[('admin', 'مدیر سامانه'), ('secretariat', 'دبیرخانه'), ('manager', 'مدیر'), ('agency_officer', 'کارشناس دستگاه اجرایی'), ('clinic_expert', 'کارشناس کلینیک صنعت'), ('unit_rep', 'نماینده واحد صنعتی')], max_length=20, verbose_name='نقش')),
                ('level', models.CharField(blank=True, choices=[('nation', 'کشور'), ('province', 'استان'), ('county', 'شهرستان')], max_length=10, verbose_name='سطح')),
                ('status', models.CharField(choices=[('pending', 'در انتظار پذیرش'), ('accepted', 'پذیرفته'), ('revoked', 'باطل\u200cشده'), ('expired', 'منقضی')], db_index=True, default='pending', max_length=10, verbose_name='وضعیت')),
                ('digest', models.CharField(editable=False, max_length=64, unique=True, verbose_name='چکیده پیوند')),
                ('expires', models.DateTimeField(verbose_name='پایان اعتبار پیوند')),
                ('sent_count', models.PositiveSmallIntegerField(default=0, verbose_name='دفعات ارسال')),
                ('accepted_at', models.DateTimeField(blank=True, null=True, verbose_name='زمان پذیرش')),
            ],
            options={
                'verbose_name': 'دعوت\u200cنامه',
                'verbose_name_plural': 'دعوت\u200cنامه\u200cها',
                'ordering': ('-created', '-pk'),
            },
        ),
        migrations.CreateModel(
            name='OneTimeCode',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created', models.DateTimeField(auto_now_add=True, verbose_name='زمان ایجاد')),
                ('updated', models.DateTimeField(auto_now=True, verbose_name='آخرین تغییر')),
                ('purpose', models.CharField(choices=[('sign_in', 'ورود با رمز یکبارمصرف'), ('password_reset', 'بازیابی گذرواژه'), ('registration', 'ثبت\u200cنام نماینده واحد')], max_length=20, verbose_name='کاربرد')),
                ('target', models.CharField(max_length=254, verbose_name='گیرنده')),
                ('digest', models.CharField(editable=False, max_length=64, verbose_name='چکیده کد')),
                ('expires', models.DateTimeField(verbose_name='پایان اعتبار')),
                ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='تلاش\u200cها')),
                ('used_at', models.DateTimeField(blank=True, null=True, verbose_name='زمان استفاده')),
            ],
            options={
                'verbose_name': 'رمز یکبارمصرف',
                'verbose_name_plural': 'رمزهای یکبارمصرف',
                'ordering': ('-created', '-pk'),
            },
        ),
        migrations.CreateModel(
            name='RegistrationRequest',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created', models.DateTimeField(auto_now_add=True, verbose_name='زمان ایجاد')),
                ('updated', models.DateTimeField(auto_now=True, verbose_name='آخرین تغییر')),
                ('first_name', models.CharField(max_length=150, verbose_name='نام')),
                ('last_name', models.CharField(max_length=150, verbose_name='نام خانوادگی')),
                ('national_code', models.CharField(max_length=10, validators=[tashil.core.validators.validate_person_code], verbose_name='کد ملی')),
                ('mobile', models.CharField(max_length=11, verbose_name='تلفن همراه')),
                ('unit_national_id', models.CharField(max_length=11, verbose_name='شناسه ملی واحد')),
                ('position', models.CharField(blank=True, max_length=150, verbose_name='سمت در واحد')),
                ('status', models.CharField(choices=[('awaiting_code', 'در انتظار کد پیامکی'), ('pending', 'در نوبت بررسی دبیرخانه'), ('approved', 'پذیرفته'), ('confirmed', 'تأییدشده با کد پیامکی'), ('refused', 'ردشده')], db_index=True, default='pending', max_length=15, verbose_name='وضعیت')),
                ('mobile_matches', models.BooleanField(default=False, verbose_name='همراه برابر با پرونده واحد')),
                ('reason', models.TextField(blank=True, verbose_name='دلیل رد')),
                ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='زمان بررسی')),
            ],
            options={
                'verbose_name': 'درخواست ثبت\u200cنام نماینده واحد',
                'verbose_name_plural': 'درخواست\u200cهای ثبت\u200cنام نمایندگان واحد',
                'ordering': ('-created', '-pk'),
            },
        ),
        migrations.AlterField(
            model_name='accessevent',
            name='kind',
            field=models.CharField(choices=[('sign_in', 'ورود'), ('sign_in_failed', 'ورود ناموفق'), ('sign_out', 'خروج'), ('export', 'خروجی گرفتن'), ('password_reset', 'بازیابی گذرواژه'), ('invitation_accepted', 'پذیرش دعوت\u200cنامه'), ('self_registered', 'ثبت\u200cنام نماینده واحد')], db_index=True, max_length=20, verbose_name='رویداد'),
        ),
        # Stored mobiles normalised and duplicates blanked on all but one account (tashil/accounts/mobiles.py).
        migrations.RunPython(unique_mobiles, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='user',
            constraint=models.UniqueConstraint(condition=models.Q(('mobile', ''), _negated=True), fields=('mobile',), name='user_unique_mobile', violation_error_message='این شماره همراه برای حساب کاربری دیگری ثبت شده است.'),
        ),
        migrations.AddField(
            model_name='invitation',
            name='accepted_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='invitations_accepted', to=settings.AUTH_USER_MODEL, verbose_name='حساب پذیرنده'),
        ),
        migrations.AddField(
            model_name='invitation',
            name='agency',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='invitations', to='orgs.agency', verbose_name='دستگاه'),
        ),
        migrations.AddField(
            model_name='invitation',
            name='centre',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='invitations', to='clinic.centre', verbose_name='کانون کلینیک'),
        ),
        migrations.AddField(
            model_name='invitation',
            name='county',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='invitations', to='geo.county', verbose_name='شهرستان'),
        ),
        migrations.AddField(
            model_name='invitation',
            name='invited_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='invitations_sent', to=settings.AUTH_USER_MODEL, verbose_name='دعوت\u200cکننده'),
        ),
        migrations.AddField(
            model_name='invitation',
            name='province',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='invitations', to='geo.province', verbose_name='استان'),
        ),
        migrations.AddField(
            model_name='invitation',
            name='unit',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='invitations', to='units.industrialunit', verbose_name='واحد صنعتی'),
        ),
        migrations.AddField(
            model_name='onetimecode',
            name='user',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='one_time_codes', to=settings.AUTH_USER_MODEL, verbose_name='کاربر'),
        ),
        migrations.AddField(
            model_name='registrationrequest',
            name='county',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='registration_requests', to='geo.county', verbose_name='شهرستان'),
        ),
        migrations.AddField(
            model_name='registrationrequest',
            name='decided_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='registrations_decided', to=settings.AUTH_USER_MODEL, verbose_name='بررسی\u200cکننده'),
        ),
        migrations.AddField(
            model_name='registrationrequest',
            name='unit',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='registration_requests', to='units.industrialunit', verbose_name='واحد صنعتی'),
        ),
        migrations.AddField(
            model_name='registrationrequest',
            name='user',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='registration_requests', to=settings.AUTH_USER_MODEL, verbose_name='حساب کاربری'),
        ),
        migrations.AddField(
            model_name='onetimecode',
            name='registration',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='codes', to='accounts.registrationrequest', verbose_name='درخواست ثبت\u200cنام'),
        ),
        migrations.AddConstraint(
            model_name='invitation',
            constraint=models.CheckConstraint(condition=models.Q(('email', ''), ('mobile', ''), _negated=True), name='invitation_has_address', violation_error_message='شماره همراه یا پست الکترونیکی دعوت\u200cشده را بنویسید.'),
        ),
        migrations.AddIndex(
            model_name='onetimecode',
            index=models.Index(fields=['purpose', 'target', '-created'], name='one_time_code_target_idx'),
        ),
    ]
