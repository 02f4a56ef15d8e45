//! How the shell looks: the top bar, the sidebar, the offline banner and
//! the page in view.

use crate::widget::focus::button;
use crate::widget::focus::{Kind, focusable};
use iced::widget::{column, container, pick_list, row, text};
use iced::{Element, Length};

use super::{OrgView, Shell};
use crate::app::message::{MenuItem, Message, OrgChoice, Page, Section};
use crate::fl;
use crate::screen::groups::member_matrix;
use crate::screen::{self, bulk, domains, member, organizations, placeholder};
use crate::session::Env;
use crate::theme;
use crate::widget::icon::{self, Icon};
use crate::widget::modal::modal;
use crate::widget::{discard, menu};

impl Shell {
    pub fn view<'a>(&'a self, env: &'a Env) -> Element<'a, Message> {
        // A session bound to one organization (signed in at its address)
        // can reach no other: the switcher offers only that one.
        let mut choices: Vec<OrgChoice> = self
            .session
            .organizations
            .iter()
            .filter(|o| self.session.bound.is_none_or(|bound| bound == o.id))
            .map(OrgChoice::of)
            .collect();
        if let Some(current) = self.current()
            && !choices.contains(current)
        {
            choices.push(current.clone());
        }
        let switcher = focusable(
            pick_list(choices, self.current().cloned(), Message::SwitchOrg)
                .placeholder(fl!("org-choose"))
                .width(Length::Fixed(280.0)),
            Kind::Choice,
        );
        // The profile menu: a button with the person's initials and name.
        let menu = button(
            row![
                menu::face(icon::initials(&self.session.name)),
                text(self.session.name.clone()).size(13),
                icon::icon(Icon::MenuOpen).size(14),
            ]
            .spacing(8)
            .align_y(iced::Alignment::Center),
        )
        .padding([4, 8])
        .style(if self.menu_open {
            button::secondary
        } else {
            button::text
        })
        .on_press(Message::ToggleMenu);
        let activity_label = if self.activity.is_some() {
            fl!("activity-hide")
        } else {
            fl!("activity-show")
        };
        let top = container(
            row![
                text(fl!("app-name")).size(20),
                switcher,
                iced::widget::Space::new().width(Length::Fill),
                button(icon::labelled(Icon::Activity, activity_label, 13))
                    .style(button::text)
                    .on_press(Message::ToggleActivity),
                menu,
            ]
            .spacing(16)
            .align_y(iced::Alignment::Center),
        )
        .padding([8, 16])
        .style(theme::top_bar);
        let mut body_and_pane = row![self.sidebar(), self.body(env)];
        if let Some(pane) = &self.activity {
            body_and_pane = body_and_pane.push(pane.view().map(Message::Activity));
        }
        let mut page = column![top];
        if let Some(offline) = &self.offline {
            page = page.push(
                container(
                    row![
                        text(fl!(
                            "offline-banner",
                            time = screen::short_time(offline.as_of)
                        ))
                        .size(14),
                        text(offline.reason.clone()).size(12),
                        iced::widget::Space::new().width(Length::Fill),
                        button(text(fl!("offline-retry")).size(13))
                            .style(button::secondary)
                            .on_press(Message::Reconnect),
                    ]
                    .spacing(12)
                    .align_y(iced::Alignment::Center),
                )
                .padding([8, 16])
                .width(Length::Fill)
                .style(theme::banner),
            );
        }
        if let Some(running) = self.org.as_ref().and_then(|view| view.syncing.as_ref()) {
            page = page.push(
                container(crate::widget::progress::bar(
                    fl!("offline-syncing"),
                    running,
                    Message::CancelSync,
                ))
                .padding([4, 16]),
            );
        }
        if let Some(notices) = self.notices.view() {
            page = page.push(notices);
        }
        let page = page.push(body_and_pane);
        if self.leaving.is_asking() {
            return modal(
                page,
                discard::question(Message::Leave),
                Message::Leave(discard::Answer::Keep),
            );
        }
        if let Some(open) = &self.palette {
            return modal(
                page,
                open.view().map(Message::Palette),
                Message::Palette(screen::palette::Message::Close),
            );
        }
        if self.shortcuts {
            return modal(
                page,
                screen::palette::shortcuts(Message::ToggleShortcuts),
                Message::ToggleShortcuts,
            );
        }
        if !self.menu_open {
            return page.into();
        }
        let entries = MenuItem::ALL
            .into_iter()
            .map(|item| menu::Entry::new(item.icon(), item.to_string(), Message::Menu(item)))
            .collect();
        menu::over(
            page,
            menu::card(entries),
            menu::Anchor::TopRight {
                top: 46.0,
                right: 16.0,
            },
            Message::ToggleMenu,
        )
    }

    fn sidebar(&self) -> Element<'_, Message> {
        let mut nav = column![]
            .spacing(4)
            .padding(12)
            .width(Length::Fixed(theme::SIDEBAR_WIDTH));
        for section in Section::ALL {
            let here = self.page == Page::Section(section);
            nav = nav.push(
                button(icon::labelled(section.icon(), section.label(), 14))
                    .width(Length::Fill)
                    .style(theme::nav_button(here))
                    .on_press(Message::Navigate(Page::Section(section))),
            );
        }
        let mut side = column![nav];
        let mut foot = column![].spacing(6).padding(12);
        let copy_status = self.org.as_ref().and_then(|view| view.copy_status.as_ref());
        for status in [copy_status, self.notice.as_ref()].into_iter().flatten() {
            foot = foot.push(text(status.clone()).size(11).style(theme::muted_text));
        }
        if let Some(local) = &self.session.local {
            foot = foot.push(
                text(fl!("signin-local-ready", url = local.url.clone()))
                    .size(11)
                    .style(theme::muted_text),
            );
        }
        side = side.push(iced::widget::Space::new().height(Length::Fill));
        side = side.push(foot);
        container(side)
            .width(Length::Fixed(theme::SIDEBAR_WIDTH))
            .height(Length::Fill)
            .style(theme::sidebar)
            .into()
    }

    fn body<'a>(&'a self, env: &'a Env) -> Element<'a, Message> {
        let offline = self.offline.is_some();
        let org = self.org.as_ref();
        match self.page {
            Page::Section(Section::Members) => match org.and_then(OrgView::members_view) {
                Some(view) => view,
                None => container(text(fl!("members-loading")))
                    .center(Length::Fill)
                    .into(),
            },
            Page::Section(Section::Organization) => {
                let domains = org.and_then(|view| view.domains.as_ref());
                let page = organizations::view(
                    &self.session.organizations,
                    self.organization(),
                    self.current().map(|c| c.id.as_str()),
                    offline,
                    domains,
                )
                .map(|action| match action {
                    organizations::Message::Open(id) => Message::OpenOrg(id),
                    organizations::Message::Pay(id) => Message::PayOrg(id),
                    organizations::Message::Create => Message::Navigate(Page::NewOrganization),
                    organizations::Message::Domains(m) => Message::Domains(m),
                });
                match domains.and_then(|d| d.dialog()) {
                    Some(dialog) => modal(
                        page,
                        dialog.map(Message::Domains),
                        Message::Domains(domains::Message::Cancel),
                    ),
                    None => page,
                }
            }
            Page::Settings => screen::settings::view(
                &env.settings,
                &screen::settings::Places {
                    settings_file: env.settings_path.clone(),
                    cache_folder: env.cache.as_ref().map(|c| c.dir().to_path_buf()),
                    keyring_problem: env.vault_problem.as_ref().map(|e| e.to_string()),
                },
            )
            .map(Message::Settings),
            Page::Section(Section::Governance) if offline => org
                .and_then(|view| view.section_view(self.page))
                .unwrap_or_else(|| placeholder::view(fl!("offline-unavailable"))),
            _ if offline => placeholder::view(fl!("offline-unavailable")),
            Page::Profile => match &self.profile {
                Some(screen) => screen.view().map(Message::Profile),
                None => placeholder::view(fl!("org-choose-first")),
            },
            Page::NewOrganization => match &self.wizard {
                Some((wizard, _)) => wizard.view().map(Message::Wizard),
                None => placeholder::view(fl!("org-choose-first")),
            },
            page => org
                .and_then(|view| view.section_view(page))
                .unwrap_or_else(|| placeholder::view(fl!("org-choose-first"))),
        }
    }
}

impl OrgView {
    /// The members table, with the dialog open over it.
    fn members_view(&self) -> Option<Element<'_, Message>> {
        let members = self.members.as_ref()?;
        let table = members.view().map(Message::Members);
        Some(match (&self.bulk, &self.matrix, &self.member) {
            (Some((dialog, _)), _, _) => modal(
                table,
                dialog.view().map(Message::Bulk),
                Message::Bulk(bulk::Message::Dismiss),
            ),
            (None, Some(matrix), _) => modal(
                table,
                matrix.view().map(Message::MemberMatrix),
                Message::MemberMatrix(member_matrix::Message::Close),
            ),
            (None, None, Some(sheet)) => modal(
                table,
                sheet.view().map(Message::Member),
                Message::Member(member::Message::Close),
            ),
            (None, None, None) => table,
        })
    }

    /// The screen of another section of the organization, once built.
    fn section_view(&self, page: Page) -> Option<Element<'_, Message>> {
        match page {
            Page::Section(Section::Invitations) => {
                Some(self.invitations.as_ref()?.view().map(Message::Invitations))
            }
            Page::Section(Section::Audit) => Some(self.audit.as_ref()?.view().map(Message::Audit)),
            Page::Section(Section::Overview) => {
                Some(self.overview.as_ref()?.view().map(Message::Overview))
            }
            Page::Section(Section::Governance) => {
                Some(self.governance.as_ref()?.view().map(Message::Governance))
            }
            Page::Section(Section::Groups) => {
                Some(self.groups.as_ref()?.view().map(Message::Groups))
            }
            Page::Permissions => Some(
                self.my_permissions
                    .as_ref()?
                    .view()
                    .map(Message::MyPermissions),
            ),
            _ => None,
        }
    }
}
