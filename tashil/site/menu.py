"""The side menu's groups, one per capability, registered into core.navigation by SiteConfig.ready().

An item shows when the user may take its action on its model; empty groups disappear (core/navigation.py).
"""

from django.utils.translation import gettext_lazy as _

from tashil.core.navigation import MenuGroup, MenuItem

REPORT_ROLES = ("admin", "secretariat", "manager", "agency_officer", "clinic_expert")

MENU = (
    MenuGroup(
        _("داشبورد و گزارش‌ها"),
        "bi-bar-chart",
        (
            MenuItem(_("داشبورد و نقشه"), "reports:dashboard", "bi-speedometer", roles=REPORT_ROLES),
            MenuItem(_("کارنامه دستگاه‌ها"), "reports:scorecard", "bi-clipboard-data", roles=REPORT_ROLES),
            MenuItem(_("گزارش دوره‌ای"), "reports:period", "bi-calendar3", roles=REPORT_ROLES),
            MenuItem(_("اثر اقدامات"), "impact:impactrecord_list", "bi-graph-up-arrow", "impact.ImpactRecord"),
        ),
    ),
    MenuGroup(
        _("واحدهای صنعتی"),
        "bi-building",
        (
            MenuItem(_("واحدهای صنعتی"), "units:industrialunit_list", "bi-building", "units.IndustrialUnit"),
            MenuItem(_("محصولات"), "units:product_list", "bi-box-seam", "units.Product"),
            MenuItem(_("طرح‌ها"), "units:project_list", "bi-cone-striped", "units.Project"),
            MenuItem(_("آمار دوره‌ای"), "units:periodicreport_list", "bi-graph-up", "units.PeriodicReport"),
            MenuItem(
                _("تغییرات وضعیت"), "units:unitstatuschange_list", "bi-arrow-left-right", "units.UnitStatusChange"
            ),
            MenuItem(
                _("ورود از فایل"),
                "units:industrialunit_import",
                "bi-file-earmark-spreadsheet",
                "units.IndustrialUnit",
                "add",
            ),
        ),
    ),
    MenuGroup(
        _("موانع تولید"),
        "bi-exclamation-triangle",
        (
            MenuItem(_("کارتابل دستگاه"), "obstacles:inbox", "bi-inbox", "obstacles.Referral", "respond"),
            MenuItem(_("ارجاع‌های من"), "obstacles:inbox_mine", "bi-person-workspace", "obstacles.Referral", "assign"),
            MenuItem(_("پیگیری‌های من"), "obstacles:followups", "bi-person-check", "obstacles.Obstacle", "follow"),
            MenuItem(
                _("نظر تولیدکنندگان"), "obstacles:producerreview_list", "bi-hand-thumbs-up", "obstacles.ProducerReview"
            ),
            MenuItem(_("موانع تولید"), "obstacles:obstacle_list", "bi-exclamation-triangle", "obstacles.Obstacle"),
            MenuItem(_("ارجاع‌ها"), "obstacles:referral_list", "bi-send", "obstacles.Referral"),
            MenuItem(_("موانع فراگیر"), "obstacles:systemic", "bi-diagram-3", "obstacles.SystemicIssue"),
            MenuItem(
                _("ورود موانع گذشته از فایل"),
                "obstacles:obstacle_import",
                "bi-file-earmark-spreadsheet",
                "obstacles.Obstacle",
                "refer",
            ),
            MenuItem(
                _("گروه‌بندی موانع"), "obstacles:obstaclegroup_list", "bi-tags", "obstacles.ObstacleGroup", "change"
            ),
        ),
    ),
    MenuGroup(
        _("جلسات و مصوبات"),
        "bi-people-fill",
        (
            MenuItem(_("جلسات"), "meetings:meeting_list", "bi-calendar-event", "meetings.Meeting"),
            MenuItem(_("تقویم جلسات"), "meetings:calendar", "bi-calendar3-week", "meetings.Meeting"),
            MenuItem(_("پیگیری مصوبات"), "meetings:resolution_list", "bi-check2-square", "meetings.Resolution"),
            MenuItem(_("سلسله جلسات"), "meetings:meetingseries_list", "bi-arrow-repeat", "meetings.MeetingSeries"),
            MenuItem(
                _("ورود جلسات و مصوبات گذشته از فایل"),
                "meetings:meeting_import",
                "bi-file-earmark-spreadsheet",
                "meetings.Meeting",
                "add",
            ),
        ),
    ),
    MenuGroup(
        _("مکاتبات"),
        "bi-envelope-paper",
        (
            MenuItem(_("دفتر نامه‌های صادره"), "letters:letter_list", "bi-envelope-paper", "letters.Letter"),
            MenuItem(_("دبیرخانه‌ها"), "letters:secretariat_list", "bi-journal-bookmark", "letters.Secretariat"),
        ),
    ),
    MenuGroup(
        _("کلینیک صنعت"),
        "bi-heart-pulse",
        (
            MenuItem(_("پرونده‌های کلینیک"), "clinic:cliniccase_list", "bi-folder2-open", "clinic.ClinicCase"),
            MenuItem(_("بی‌گزارش این هفته"), "clinic:cliniccase_no_update", "bi-hourglass-split", "clinic.ClinicCase"),
            MenuItem(_("کانون‌ها"), "clinic:centre_list", "bi-mortarboard", "clinic.Centre"),
        ),
    ),
    MenuGroup(
        _("معرفی، بازار و آموزش"),
        "bi-shop",
        (
            MenuItem(
                _("معرفی عمومی واحدها"),
                "catalog:publicprofile_list",
                "bi-megaphone",
                "catalog.PublicProfile",
                "moderate",
            ),
            MenuItem(
                _("پیام‌های بازدیدکنندگان"), "catalog:contactmessage_list", "bi-envelope", "catalog.ContactMessage"
            ),
            MenuItem(_("نهاده‌ها"), "catalog:unitinput_list", "bi-diagram-2", "catalog.UnitInput"),
            MenuItem(_("تطبیق واحدهای مکمل"), "catalog:matches", "bi-arrow-left-right", "catalog.UnitInput"),
            MenuItem(_("گواهی‌ها"), "catalog:certificate_list", "bi-patch-check", "catalog.Certificate"),
            MenuItem(_("نمایشگاه‌ها"), "catalog:exhibition_list", "bi-shop-window", "catalog.Exhibition"),
            MenuItem(
                _("درخواست‌های سرمایه‌گذاری"),
                "catalog:investmentinquiry_list",
                "bi-cash-coin",
                "catalog.InvestmentInquiry",
            ),
            MenuItem(_("کارگاه‌های آموزشی"), "workshops:workshop_list", "bi-mortarboard", "workshops.Workshop"),
            MenuItem(
                _("ثبت‌نام‌های کارگاه"), "workshops:registration_list", "bi-person-lines-fill", "workshops.Registration"
            ),
            MenuItem(_("سایت عمومی"), "public:index", "bi-globe2"),
        ),
    ),
    MenuGroup(
        _("اطلاعات پایه"),
        "bi-geo-alt",
        (
            MenuItem(_("استان‌ها"), "geo:province_list", "bi-map", "geo.Province"),
            MenuItem(_("شهرستان‌ها"), "geo:county_list", "bi-pin-map", "geo.County"),
            MenuItem(_("شهرک‌ها و نواحی صنعتی"), "geo:industrialzone_list", "bi-buildings", "geo.IndustrialZone"),
            MenuItem(_("دستگاه‌های اجرایی"), "orgs:agency_list", "bi-bank", "orgs.Agency"),
            MenuItem(_("تقویم کاری و تعطیلات"), "core:holiday_list", "bi-calendar3", "core.Holiday"),
            MenuItem(_("تعطیلی‌های استان و شهرستان"), "geo:closure_list", "bi-calendar-x", "geo.Closure"),
        ),
    ),
    MenuGroup(
        _("مدیریت سامانه"),
        "bi-gear",
        (
            MenuItem(_("کاربران"), "accounts:user_list", "bi-people", "accounts.User"),
            MenuItem(_("دعوت‌نامه‌ها"), "accounts:invitation_list", "bi-envelope-plus", "accounts.Invitation"),
            MenuItem(
                _("درخواست‌های نمایندگی واحد"),
                "accounts:registrationrequest_list",
                "bi-person-check",
                "accounts.RegistrationRequest",
            ),
            MenuItem(_("اعلان‌ها"), "notifications:notification_list", "bi-bell", "notifications.Notification"),
            MenuItem(_("پیامک‌ها"), "notifications:outgoingsms_list", "bi-chat-text", "notifications.OutgoingSMS"),
            MenuItem(
                _("تنظیمات یادآوری"),
                "notifications:remindersettings_list",
                "bi-alarm",
                "notifications.ReminderSettings",
                "change",
            ),
            MenuItem(_("تاریخچه تغییرات"), "core:changelogentry_list", "bi-clock-history", "core.ChangeLogEntry"),
            MenuItem(
                _("گزارش ورودها و خروجی‌ها"), "accounts:accessevent_list", "bi-shield-lock", "accounts.AccessEvent"
            ),
        ),
    ),
)
